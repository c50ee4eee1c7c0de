package io.jsupervisor.service.http;

import static io.jsupervisor.config.testing.Ports.freePort;
import static io.jsupervisor.service.http.TestServers.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.List;
import io.jsupervisor.config.model.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each path answers, and the credentials each server asks for, over real sockets: every server
 * kind with and without credentials (plain and {@code {SHA}}) runs at once, each with its own.
 */
@Timeout(120)
class HttpRoutesTest {
    /** {@code printf sha-secret | sha1sum} */
    private static final String SHA_SECRET = "{SHA}2a43dc2b75d8780df91215a129899a0b202069d6";

    @TempDir
    Path dir;
    private final TestServers servers = new TestServers();
    private SocketAddress open;
    private SocketAddress unixPlain;
    private SocketAddress inetPlain;
    private SocketAddress inetSha;

    @BeforeEach
    void startServers() throws Exception {
        Path openSocket = dir.resolve("open.sock");
        Path plainSocket = dir.resolve("plain.sock");
        int plainPort = freePort();
        int shaPort = freePort();
        servers.start(TestServers.unix("unix_http_server", openSocket),
                TestServers.unix("unix_http_server:plain", plainSocket, new Credentials("user", "secret")),
                TestServers.inet("inet_http_server", plainPort, new Credentials("user", "secret")),
                TestServers.inet("inet_http_server:sha", shaPort, new Credentials("admin", SHA_SECRET)));
        open = UnixDomainSocketAddress.of(openSocket);
        unixPlain = UnixDomainSocketAddress.of(plainSocket);
        inetPlain = local(plainPort);
        inetSha = local(shaPort);
    }

    @AfterEach
    void closeServers() {
        servers.close();
    }

    private static RawHttp.Response getVersion(SocketAddress server, String... headers) throws IOException {
        try (RawHttp client = RawHttp.open(server)) {
            return client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion"), headers);
        }
    }

    @Test
    void eachServerChecksItsOwnCredentials() throws Exception {
        String plain = "Authorization: " + RawHttp.basic("user", "secret");
        String sha = "Authorization: " + RawHttp.basic("admin", "sha-secret");
        assertEquals(200, getVersion(open).status());
        assertEquals(200, getVersion(unixPlain, plain).status());
        assertEquals(200, getVersion(inetPlain, plain).status());
        assertEquals(200, getVersion(inetSha, sha).status());
        assertEquals(401, getVersion(inetSha, plain).status(), "another server's credentials");
        assertEquals(401, getVersion(unixPlain, sha).status(), "another server's credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization: Basic dXNlcjp3cm9uZw==", "Authorization: Digest x",
            "Authorization: Basic"})
    void missingOrWrongCredentialsGet401AndTheConnectionEnds(String header) throws Exception {
        for (SocketAddress server : List.of(unixPlain, inetPlain, inetSha)) {
            try (RawHttp client = RawHttp.open(server)) {
                String[] headers = header.isEmpty() ? new String[0] : new String[] {header};
                RawHttp.Response response = client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion"),
                        headers);

                assertEquals(401, response.status());
                assertEquals("Basic realm=\"default\"", response.header("WWW-Authenticate"));
                assertEquals("close", response.header("Connection"));
                assertTrue(client.awaitClosed());
            }
        }
    }

    @Test
    void credentialsAreCheckedBeforeThePathIsLookedAt() throws Exception {
        try (RawHttp client = RawHttp.open(inetPlain)) {
            assertEquals(401, client.exchange("GET", "/no/such/page", null).status());
        }
        try (RawHttp client = RawHttp.open(inetPlain)) {
            assertEquals(404, client.exchange("GET", "/no/such/page", null,
                    "Authorization: " + RawHttp.basic("user", "secret")).status());
        }
    }

    @Test
    void emptyOrMissingHostIsAccepted() throws Exception {
        // supervisorctl's tail -f sends "Host: " over a unix socket; supervisord's own probe sends HTTP/1.0 without.
        try (RawHttp client = RawHttp.open(open)) {
            client.send("GET / HTTP/1.1\r\nHost: \r\n\r\n");
            assertEquals(200, client.readResponse(true).status());
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertEquals(200, client.readResponse(true).status());
        }
    }

    @Test
    void undecodableCredentialsGet400() throws Exception {
        assertEquals(400, getVersion(inetPlain, "Authorization: Basic a").status());
    }

    @Test
    void rpcAnswersTextXmlAndKeepsTheConnection() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            for (String method : List.of("supervisor.getVersion", "test.later", "supervisor.getSupervisorVersion")) {
                RawHttp.Response response = client.exchange("POST", "/RPC2", CannedRpc.call(method),
                        "Content-Type: text/xml");
                assertEquals(200, response.status());
                assertEquals("text/xml", response.header("Content-Type"));
                assertEquals(Integer.toString(response.body().length), response.header("Content-Length"));
                assertNull(response.header("Connection"));
            }
        }
    }

    @Test
    void largeAnswerArrivesWholeWithItsLength() throws Exception {
        try (RawHttp client = RawHttp.open(inetPlain)) {
            RawHttp.Response response = client.exchange("POST", "/RPC2", CannedRpc.call("test.big"),
                    "Authorization: " + RawHttp.basic("user", "secret"));
            assertEquals(200, response.status());
            assertEquals(Integer.toString(CannedRpc.BIG.length()), response.header("Content-Length"));
            assertEquals(CannedRpc.BIG, response.text());
            assertEquals(200, client.exchange("POST", "/RPC2", CannedRpc.call("supervisor.getVersion"),
                    "Authorization: " + RawHttp.basic("user", "secret")).status(), "the connection goes on");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "HEAD", "DELETE"})
    void rpcAcceptsOnlyPost(String method) throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            assertEquals(400, client.exchange(method, "/RPC2", null).status());
        }
    }

    @Test
    void rpcWantsAContentLength() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            client.send("POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertEquals(411, client.readResponse(true).status());
        }
    }

    @Test
    void bodyThatIsNotACallGets400AndIsLogged() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            assertEquals(400, client.exchange("POST", "/RPC2", "<methodCall></methodCall>").status());
        }
        assertTrue(servers.log.lines().contains("ERRO XML-RPC request data is invalid: no method name"),
                servers.log.lines().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"test.fail", "test.throw"})
    void unexpectedFailureGets500AndIsLoggedAsCritical(String method) throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            RawHttp.Response response = client.exchange("POST", "/RPC2", CannedRpc.call(method));
            assertEquals(500, response.status());
            assertTrue(response.text().contains("Error code 500"), response.text());
        }
        assertTrue(servers.log.lines().stream().anyMatch(line -> line.startsWith(
                "CRIT Handling XML-RPC request raised an unexpected exception: java.lang.IllegalStateException")),
                servers.log.lines().toString());
    }

    @Test
    void oversizedBodyIsRefusedWithoutBeingRead() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            // Only the headers are sent: the answer must not wait for the 64 MiB promised.
            client.send("POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (64 << 20) + "\r\n\r\n");
            RawHttp.Response response = client.readResponse(true);

            assertEquals(413, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.awaitClosed());
        }
        try (RawHttp client = RawHttp.open(open)) {
            String atLimit = "x".repeat(RpcEndpoint.MAX_BODY);
            assertEquals(400, client.exchange("POST", "/RPC2", atLimit).status(), "a body at the limit is read");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing", "/RPC", "/index.htm", "/tail.html", "/stylesheets/supervisor.css"})
    void unknownPathsGet404(String path) throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            RawHttp.Response response = client.exchange("GET", path, null);
            assertEquals(404, response.status());
            assertEquals("text/html", response.header("Content-Type"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html"})
    void statusPageListsProcessesEscaped(String path) throws Exception {
        servers.rows.add(new ProcessRow("web:<one>", "RUNNING", "pid 42, uptime 0:01:07"));
        servers.rows.add(new ProcessRow("ünï", "FATAL", "Exited too quickly (\"process log\" & more)"));
        try (RawHttp client = RawHttp.open(open)) {
            RawHttp.Response response = client.exchange("GET", path, null);

            assertEquals(200, response.status());
            assertEquals("text/html;charset=utf-8", response.header("Content-Type"));
            String page = response.text();
            assertTrue(page.contains("<td>web:&lt;one&gt;</td><td>RUNNING</td><td>pid 42, uptime 0:01:07</td>"), page);
            assertTrue(page.contains("<td>ünï</td><td>FATAL</td>"
                    + "<td>Exited too quickly (&quot;process log&quot; &amp; more)</td>"), page);
            assertTrue(page.contains("http-equiv=\"refresh\""), page);
        }
    }

    @Test
    void statusPageAnswersHeadWithoutABodyAndRefusesOtherMethods() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            RawHttp.Response head = client.exchange("HEAD", "/", null);
            assertEquals(200, head.status());
            assertEquals("text/html;charset=utf-8", head.header("Content-Type"));
            assertEquals(200, client.exchange("POST", "/index.html", "").status());
            assertEquals(400, client.exchange("PUT", "/", "x").status());
        }
    }

    @Test
    void serverWithoutCredentialsServesEveryPathToAnyone() throws Exception {
        try (RawHttp client = RawHttp.open(open)) {
            assertEquals(200, client.exchange("GET", "/", null).status());
            assertEquals(404, client.exchange("GET", "/mainlogtail", null).status(), "no main log file");
        }
    }
}
