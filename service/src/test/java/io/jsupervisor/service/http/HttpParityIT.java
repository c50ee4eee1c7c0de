package io.jsupervisor.service.http;

import static io.jsupervisor.config.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.jsupervisor.config.model.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our HTTP servers next to supervisord 4.2's own: the same answers to the same requests, the same
 * words when one finds the other on its socket or port, and the same stale-socket clean-up.
 */
@Timeout(180)
class HttpParityIT {
    /** Raw requests whose status must be supervisord's; tails are only started (their heads compared). */
    private static final List<String> REQUESTS = List.of(
            RawHttp.request("GET", "/RPC2", null),
            RawHttp.request("PUT", "/RPC2", ""),
            "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            RawHttp.request("POST", "/RPC2", "not xml"),
            RawHttp.request("POST", "/RPC2", "<?xml version='1.0'?><methodCall><params/></methodCall>"),
            RawHttp.request("POST", "/RPC2", CannedRpc.call("supervisor.getVersion")),
            RawHttp.request("GET", "/logtail/nobody", null),
            RawHttp.request("GET", "/logtail/nobody/stderr", null),
            RawHttp.request("POST", "/logtail/nobody", ""),
            RawHttp.request("HEAD", "/mainlogtail", null),
            RawHttp.request("GET", "/mainlogtail", null),
            RawHttp.request("GET", "/nothing/here", null),
            RawHttp.request("GET", "/", null),
            RawHttp.request("GET", "/index.html", null),
            RawHttp.request("PUT", "/", ""),
            "GET / HTTP/1.1\r\nHost: \r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n");

    @TempDir
    Path dir;
    private final TestServers servers = new TestServers();
    private final List<Supervisord> started = new ArrayList<>();

    @BeforeEach
    void requireSupervisord() {
        Supervisord.require();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        servers.close();
        for (Supervisord supervisord : started) {
            supervisord.close();
        }
    }

    private Supervisord supervisord(String name, String sections) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Supervisord supervisord = Supervisord.start(home, sections);
        started.add(supervisord);
        return supervisord;
    }

    @Test
    void sameRequestsGetTheSameStatus() throws Exception {
        Path theirs = dir.resolve("theirs/supervisor.sock");
        supervisord("theirs", "[unix_http_server]\nfile=" + theirs + "\n").awaitStarted();
        Path ours = dir.resolve("ours.sock");
        Path mainLog = dir.resolve("ours.log");
        Files.writeString(mainLog, "line\n");
        servers.logFiles.mainLog(mainLog);
        servers.start(TestServers.unix("unix_http_server", ours));

        List<String> differences = new ArrayList<>();
        for (String request : REQUESTS) {
            int expected = status(UnixDomainSocketAddress.of(theirs), request);
            int actual = status(UnixDomainSocketAddress.of(ours), request);
            if (expected != actual) {
                String line = request.lines().findFirst().orElseThrow();
                differences.add(line + ": supervisord " + expected + ", ours " + actual);
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void authenticationAnswersLikeSupervisord() throws Exception {
        int theirs = freePort();
        supervisord("theirs", "[inet_http_server]\nport=127.0.0.1:" + theirs + "\nusername=user\npassword={SHA}"
                + "fef341f85d87439e7d91a2d465b9871ef66b5e98\n").awaitStarted(); // printf s3cret | sha1sum
        int ours = freePort();
        servers.start(TestServers.inet("inet_http_server", ours,
                new Credentials("user", "{SHA}fef341f85d87439e7d91a2d465b9871ef66b5e98")));

        String call = CannedRpc.call("supervisor.getVersion");
        for (String authorization : List.of("", "Authorization: " + RawHttp.basic("user", "s3cret"),
                "Authorization: " + RawHttp.basic("user", "wrong"), "Authorization: Basic a",
                "Authorization: Negotiate abc")) {
            String[] headers = authorization.isEmpty() ? new String[0] : new String[] {authorization};
            RawHttp.Response expected = exchange(TestServers.local(theirs), call, headers);
            RawHttp.Response actual = exchange(TestServers.local(ours), call, headers);
            assertEquals(expected.status(), actual.status(), authorization);
            assertEquals(expected.header("WWW-Authenticate"), actual.header("WWW-Authenticate"), authorization);
        }
    }

    @Test
    void supervisordRefusesOurSocketWithTheWordsWeUse() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        servers.start(TestServers.unix("unix_http_server", socket));

        Supervisord supervisord = supervisord("theirs", "[unix_http_server]\nfile=" + socket + "\n");

        assertEquals(2, supervisord.process().awaitExit());
        assertTrue(supervisord.process().output().contains("Error: " + UnixSocketFile.ADDRESS_IN_USE + "\n"),
                supervisord.process().output());
    }

    @Test
    void weRefuseSupervisordsSocketAndPortWithItsWords() throws Exception {
        Path socket = dir.resolve("theirs/supervisor.sock");
        int port = freePort();
        supervisord("theirs", "[unix_http_server]\nfile=" + socket + "\n[inet_http_server]\nport=127.0.0.1:" + port
                + "\n").awaitStarted();

        HttpServerException onSocket = assertThrows(HttpServerException.class,
                () -> servers.start(TestServers.unix("unix_http_server", socket)));
        HttpServerException onPort = assertThrows(HttpServerException.class,
                () -> servers.start(TestServers.inet("inet_http_server", port)));

        assertEquals(UnixSocketFile.ADDRESS_IN_USE, onSocket.getMessage());
        assertEquals(UnixSocketFile.ADDRESS_IN_USE, onPort.getMessage());
    }

    @Test
    void supervisordRefusesOurPortWithTheWordsWeUse() throws Exception {
        int port = freePort();
        servers.start(TestServers.inet("inet_http_server", port));

        Supervisord supervisord = supervisord("theirs", "[inet_http_server]\nport=127.0.0.1:" + port + "\n");

        assertEquals(2, supervisord.process().awaitExit());
        assertTrue(supervisord.process().output().contains("Error: " + UnixSocketFile.ADDRESS_IN_USE + "\n"),
                supervisord.process().output());
    }

    @Test
    void socketThatCannotBeBoundIsReportedInSupervisordsWords() throws Exception {
        Path socket = dir.resolve("missing/supervisor.sock");
        Supervisord supervisord = supervisord("theirs", "[unix_http_server]\nfile=" + socket + "\n");
        assertEquals(2, supervisord.process().awaitExit());

        HttpServerException e = assertThrows(HttpServerException.class,
                () -> servers.start(TestServers.unix("unix_http_server", socket)));

        assertTrue(supervisord.process().output().contains("Error: " + e.getMessage() + "\n"),
                supervisord.process().output() + " / ours: " + e.getMessage());
    }

    @Test
    void socketLeftBySupervisordKilledIsTakenOver() throws Exception {
        Path socket = dir.resolve("theirs/supervisor.sock");
        Supervisord supervisord = supervisord("theirs", "[unix_http_server]\nfile=" + socket + "\n").awaitStarted();
        Object theirs = Files.getAttribute(socket, "unix:ino");
        supervisord.process().kill();
        assertTrue(Files.exists(socket), "SIGKILL leaves the socket file behind");

        servers.start(TestServers.unix("unix_http_server", socket));

        assertNotEquals(theirs, Files.getAttribute(socket, "unix:ino"));
        assertEquals(200, status(UnixDomainSocketAddress.of(socket), RawHttp.request("GET", "/", null)));
    }

    @Test
    void unprotectedServerWarningReadsAsSupervisords() throws Exception {
        Path socket = dir.resolve("theirs/supervisor.sock");
        Supervisord supervisord = supervisord("theirs", "[unix_http_server]\nfile=" + socket + "\n").awaitStarted();
        servers.start(TestServers.unix("unix_http_server", dir.resolve("ours.sock")));

        String ours = servers.log.lines().get(0);
        assertEquals("CRIT Server 'unix_http_server' running without any HTTP authentication checking", ours);
        assertTrue(supervisord.log().contains(" " + ours + "\n"), supervisord.log());
    }

    /** The status of {@code request} on a fresh connection; only the head is read (tails never end). */
    private static int status(SocketAddress server, String request) throws IOException {
        try (RawHttp client = RawHttp.open(server)) {
            client.send(request);
            return client.readHead().status();
        }
    }

    private static RawHttp.Response exchange(SocketAddress server, String body, String... headers)
            throws IOException {
        try (RawHttp client = RawHttp.open(server)) {
            return client.exchange("POST", "/RPC2", body, headers);
        }
    }
}
