package io.jsupervisor.service.http;

import static io.jsupervisor.config.testing.Ports.freePort;
import static io.jsupervisor.service.http.TestServers.inet;
import static io.jsupervisor.service.http.TestServers.local;
import static io.jsupervisor.service.http.TestServers.names;
import static io.jsupervisor.service.http.TestServers.unix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsupervisor.config.testing.Poll;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.HttpServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Binding the servers as supervisord binds them: several at once, unix socket files, addresses, failures. */
@Timeout(120)
class HttpServersTest {
    @TempDir
    Path dir;
    private final TestServers servers = new TestServers();

    @AfterEach
    void closeServers() {
        servers.close();
    }

    @Test
    void servesEveryConfiguredServerAtOnce() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        int first = freePort();
        int second = freePort();
        servers.start(unix("unix_http_server", socket), inet("inet_http_server", first),
                inet("inet_http_server:second", second));

        for (RawHttp client : List.of(RawHttp.open(socket), RawHttp.open(local(first)),
                RawHttp.open(local(second)))) {
            try (client) {
                RawHttp.Response response = client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion"),
                        "Content-Type: text/xml");
                assertEquals(200, response.status());
                assertEquals(CannedRpc.VERSION_3_0, response.text());
            }
        }
        assertEquals(List.of(
                "CRIT Server 'unix_http_server' running without any HTTP authentication checking",
                "CRIT Server 'inet_http_server' running without any HTTP authentication checking",
                "CRIT Server 'inet_http_server:second' running without any HTTP authentication checking"),
                servers.log.lines());
    }

    @Test
    void serversWithCredentialsAreNotReportedAsUnprotected() throws Exception {
        servers.start(unix("unix_http_server", dir.resolve("s.sock"), new Credentials("u", "p")),
                inet("inet_http_server", freePort(), new Credentials("u", "p")));
        assertEquals(List.of(), servers.log.lines());
    }

    @Test
    void noServersConfiguredStartsNothing() throws Exception {
        servers.start();
        assertTrue(httpThreadsEnd(), httpThreads().toString());
    }

    @Test
    void unixSocketGetsItsModeUnderItsNameOnlyAndIsRemovedAtClose() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        Path shared = dir.resolve("shared.sock");
        HttpServers running = servers.start(unix("unix_http_server", socket),
                new HttpServerConfig.Unix("unix_http_server:shared", shared, 0666, Optional.empty(), Optional.empty()));

        assertEquals(0700, mode(socket));
        assertEquals(0666, mode(shared));
        assertEquals(List.of("shared.sock", "supervisor.sock"), names(dir), "no temporary name may be left");
        running.close();
        assertEquals(List.of(), names(dir));
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file: a stale socket
        }
        Object staleInode = Files.getAttribute(socket, "unix:ino");

        servers.start(unix("unix_http_server", socket));

        assertTrue(!staleInode.equals(Files.getAttribute(socket, "unix:ino")), "the stale socket must be replaced");
        try (RawHttp client = RawHttp.open(socket)) {
            assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion")).status());
        }
        assertTrue(servers.log.lines().contains("WARN Unlinking stale socket " + socket),
                servers.log.lines().toString());
        assertEquals(List.of("supervisor.sock"), names(dir));
    }

    @Test
    void socketServedByAnotherServerIsRefusedAndLeftAlone() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        servers.start(unix("unix_http_server", socket));
        Object inode = Files.getAttribute(socket, "unix:ino");

        HttpServerException e = assertThrows(HttpServerException.class,
                () -> servers.start(unix("unix_http_server", socket)));

        assertEquals(UnixSocketFile.ADDRESS_IN_USE, e.getMessage());
        assertEquals(inode, Files.getAttribute(socket, "unix:ino"));
        assertEquals(List.of("supervisor.sock"), names(dir), "no temporary name may be left");
        try (RawHttp client = RawHttp.open(socket)) {
            assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion")).status());
        }
    }

    @Test
    void socketWhoseListenerNeverAnswersIsTakenAsBusyNotStale() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens, never accepts

            HttpServerException e = assertThrows(HttpServerException.class,
                    () -> servers.start(unix("unix_http_server", socket)));

            assertEquals(UnixSocketFile.ADDRESS_IN_USE, e.getMessage());
            assertEquals(List.of("supervisor.sock"), names(dir));
        }
    }

    @Test
    void socketIsGivenToTheConfiguredOwner() throws Exception {
        assumeTrue(isRoot(), "only root may give a file away");
        int nobody = Integer.parseInt(idOf("-u"));
        int nogroup = Integer.parseInt(idOf("-g"));
        Path socket = dir.resolve("supervisor.sock");
        servers.start(new HttpServerConfig.Unix("unix_http_server", socket, 0770,
                Optional.of(new FileOwner(nobody, OptionalInt.of(nogroup))), Optional.empty()));

        assertEquals(nobody, Files.getAttribute(socket, "unix:uid"));
        assertEquals(nogroup, Files.getAttribute(socket, "unix:gid"));
        assertEquals(0770, mode(socket));
    }

    @Test
    void refusedOwnerChangeIsReportedInSupervisordWords() throws Exception {
        assumeTrue(!isRoot(), "root may give a file to anyone");
        Path socket = dir.resolve("supervisor.sock");
        HttpServerConfig.Unix toRoot = new HttpServerConfig.Unix("unix_http_server", socket, 0700,
                Optional.of(new FileOwner(0, OptionalInt.empty())), Optional.empty());
        HttpServerException e = assertThrows(HttpServerException.class, () -> servers.start(toRoot));

        assertTrue(e.getMessage().startsWith("Not permitted to chown " + socket + " to uid/gid (0, -1); adjust "
                + "\"sockchown\" value in config file or on command line to values that the current user ("),
                e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void inetServerListensOnlyOnItsAddress() throws Exception {
        int port = freePort();
        servers.start(inet("inet_http_server", port));

        try (RawHttp client = RawHttp.open(local(port))) {
            assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion")).status());
        }
        // 127.0.0.2 is this machine too, but not the address the server was told to use.
        assertThrows(ConnectException.class, () -> RawHttp.open(new InetSocketAddress("127.0.0.2", port)));
    }

    @Test
    void inetServerWithoutHostListensEverywhere() throws Exception {
        int port = freePort();
        servers.start(new HttpServerConfig.Inet("inet_http_server", "", port, Optional.empty()));

        for (String host : List.of("127.0.0.1", "127.0.0.2")) {
            try (RawHttp client = RawHttp.open(new InetSocketAddress(host, port))) {
                assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion")).status());
            }
        }
    }

    @Test
    void portInUseIsRefusedInSupervisordWordsAndNothingIsLeftBound() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HttpServerException e = assertThrows(HttpServerException.class, () -> servers.start(
                    unix("unix_http_server", socket), inet("inet_http_server", taken.getLocalPort())));

            assertEquals(UnixSocketFile.ADDRESS_IN_USE, e.getMessage());
        }
        assertEquals(List.of(), names(dir));
        assertTrue(httpThreadsEnd(), httpThreads().toString());
    }

    @Test
    void addressNotOnThisMachineIsReportedByItsErrnoName() {
        HttpServerException e = assertThrows(HttpServerException.class, () -> servers.start(
                new HttpServerConfig.Inet("inet_http_server", "192.0.2.1", 9001, Optional.empty())));

        assertEquals("Cannot open an HTTP server: socket.error reported errno.EADDRNOTAVAIL (99)", e.getMessage());
    }

    @Test
    void socketInAMissingDirectoryIsReportedByItsErrnoName() {
        HttpServerException e = assertThrows(HttpServerException.class,
                () -> servers.start(unix("unix_http_server", dir.resolve("missing/supervisor.sock"))));

        assertEquals("Cannot open an HTTP server: socket.error reported errno.ENOENT (2)", e.getMessage());
    }

    @Test
    void threadsStayFewAndEndAtClose() throws Exception {
        Path socket = dir.resolve("supervisor.sock");
        int port = freePort();
        HttpServers running = servers.start(unix("unix_http_server", socket), inet("inet_http_server", port));
        for (int i = 0; i < 20; i++) {
            try (RawHttp client = i % 2 == 0 ? RawHttp.open(socket) : RawHttp.open(local(port))) {
                assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("test.later")).status());
            }
        }
        List<String> threads = httpThreads();
        assertTrue(threads.size() <= 2 + 8 + 1, "two selectors, at most 8 workers and a timer: " + threads);

        running.close();
        assertTrue(httpThreadsEnd(), httpThreads().toString());
    }

    private static boolean httpThreadsEnd() throws InterruptedException {
        Poll.until("the HTTP threads end", () -> httpThreads().isEmpty());
        return true;
    }

    static List<String> httpThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("jsupervisor-http")).sorted().toList();
    }

    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    }

    private static boolean isRoot() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
    }

    /** {@code id -u nobody} or {@code id -g nobody}. */
    private static String idOf(String option) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", option, "nobody").start();
        String out = new String(id.getInputStream().readAllBytes()).trim();
        assertEquals(0, id.waitFor());
        assertFalse(out.isEmpty());
        return out;
    }
}
