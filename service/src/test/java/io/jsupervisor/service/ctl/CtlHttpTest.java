package io.jsupervisor.service.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client: XML-RPC calls, keep-alive, authentication and followed logs, against a stub server. */
class CtlHttpTest {
    private static final Credentials ALICE = new Credentials(Optional.of("alice"), Optional.of("sécret"));

    @TempDir
    Path dir;

    private static Object call(StubServer server, Credentials credentials, String method) throws Exception {
        try (XmlRpcTransport rpc = new XmlRpcTransport(ServerAddress.of(server.url()), credentials)) {
            return rpc.call(method, List.of());
        }
    }

    @Test
    void postsXmlRpcToRpc2OnAUnixSocketAsLocalhost() throws Exception {
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"),
                (n, head) -> StubServer.Reply.of(StubServer.xmlRpcString("3.0"), false))) {
            assertEquals("3.0", call(server, Credentials.NONE, "supervisor.getVersion"));
            String request = server.requests().get(0);
            assertTrue(request.startsWith("POST /RPC2 HTTP/1.1\r\nHost: localhost\r\n"), request);
            assertTrue(request.contains("\r\nContent-Type: text/xml\r\n"), request);
            assertTrue(request.contains("<methodName>supervisor.getVersion</methodName>"), request);
            assertFalse(request.contains("Authorization"), request);
        }
    }

    @Test
    void sendsBasicAuthOnlyWithBothUsernameAndPassword() throws Exception {
        try (StubServer server = StubServer.tcp((n, head) -> StubServer.Reply.of(StubServer.xmlRpcString("x"), false))) {
            call(server, ALICE, "m");
            call(server, new Credentials(Optional.of("alice"), Optional.empty()), "m");
            // base64 of the UTF-8 bytes of "alice:sécret"
            assertTrue(server.requests().get(0).contains("\r\nAuthorization: Basic YWxpY2U6c8OpY3JldA==\r\n"));
            assertTrue(server.requests().get(0).contains("\r\nHost: 127.0.0.1:"));
            assertFalse(server.requests().get(1).contains("Authorization"));
        }
    }

    @Test
    void keepsTheConnectionOpenBetweenCalls() throws Exception {
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"),
                (n, head) -> StubServer.Reply.of(StubServer.xmlRpcString("r" + n), false));
             XmlRpcTransport rpc = new XmlRpcTransport(ServerAddress.of(server.url()), Credentials.NONE)) {
            assertEquals("r0", rpc.call("a", List.of()));
            assertEquals("r1", rpc.call("b", List.of()));
            assertEquals("r2", rpc.call("c", List.of()));
            assertEquals(1, server.connections());
        }
    }

    @Test
    void replacesAConnectionTheServerClosedOrSaidItWouldClose() throws Exception {
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"), (n, head) -> n == 1
                ? StubServer.Reply.of(StubServer.xmlRpcString("r1").replace("Content-Type", "Connection: close\r\n"
                        + "Content-Type"), true)
                : StubServer.Reply.of(StubServer.xmlRpcString("r" + n), n == 0));
             XmlRpcTransport rpc = new XmlRpcTransport(ServerAddress.of(server.url()), Credentials.NONE)) {
            assertEquals("r0", rpc.call("a", List.of()), "the server closes silently after this one");
            assertEquals("r1", rpc.call("b", List.of()), "sent again on a new connection");
            assertEquals("r2", rpc.call("c", List.of()), "a new connection after Connection: close");
            assertEquals(3, server.connections());
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void replacesAKeptConnectionTheServerReset() throws Exception {
        try (StubServer server = StubServer.tcp((n, head) -> n == 1
                ? StubServer.Reply.abort()
                : StubServer.Reply.of(StubServer.xmlRpcString("r" + n), false));
             XmlRpcTransport rpc = new XmlRpcTransport(ServerAddress.of(server.url()), Credentials.NONE)) {
            assertEquals("r0", rpc.call("a", List.of()));
            assertEquals("r2", rpc.call("b", List.of()), "reset on the kept connection, sent again on a new one");
            assertEquals(2, server.connections());
        }
    }

    @Test
    void unauthorizedIsAProtocolErrorWithItsStatus() throws Exception {
        String body = "<html>no</html>";
        try (StubServer server = StubServer.tcp((n, head) -> StubServer.Reply.of("HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Basic realm=\"default\"\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                false))) {
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> call(server, ALICE, "m"));
            assertEquals(401, e.status());
            assertEquals("<ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>", e.getMessage());
        }
    }

    @Test
    void readsChunkedResponsesAndFaults() throws Exception {
        String fault = "<?xml version='1.0'?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>10</int></value></member>"
                + "<member><name>faultString</name><value><string>BAD_NAME: x</string></value></member>"
                + "</struct></value></fault></methodResponse>";
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(20) + "\r\n" + fault.substring(0, 20) + "\r\n"
                + Integer.toHexString(fault.length() - 20) + ";ext=1\r\n" + fault.substring(20) + "\r\n0\r\n\r\n";
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"), (n, head) -> StubServer.Reply.of(chunked, false))) {
            XmlRpcFault e = assertThrows(XmlRpcFault.class, () -> call(server, Credentials.NONE, "m"));
            assertEquals(10, e.code());
            assertEquals("BAD_NAME: x", e.string());
        }
    }

    @Test
    void connectionErrorsCarrySupervisorctlsErrno() throws Exception {
        IOException missing = assertThrows(IOException.class,
                () -> HttpConnection.open(ServerAddress.of("unix://" + dir.resolve("none.sock"))));
        assertEquals(Optional.of(OsError.ENOENT), OsError.of(missing));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        IOException refused = assertThrows(IOException.class,
                () -> HttpConnection.open(ServerAddress.of("http://127.0.0.1:" + port)));
        assertEquals(Optional.of(OsError.ECONNREFUSED), OsError.of(refused));
        assertTrue(PythonErrors.errorLine(refused).startsWith(
                "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused: file: "), PythonErrors.errorLine(refused));
    }

    /** Collects what a followed log prints. */
    private static final class Collected implements LogFollower.Sink {
        final List<String> text = Collections.synchronizedList(new ArrayList<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstText = new CountDownLatch(1);

        @Override
        public void text(String piece) {
            text.add(piece);
            firstText.countDown();
        }

        @Override
        public void problem(String line) {
            problems.add(line);
        }
    }

    @Test
    void followsAChunkedLogPieceByPieceAndShowsUndecodableBytesAsPythonDoes() throws Exception {
        byte[] head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nhéllo\n\r\n2\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] reply = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, reply, 0, head.length);
        reply[head.length] = (byte) 0xc3;
        reply[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, reply, head.length + 2, tail.length);
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"), (n, h) -> new StubServer.Reply(reply, false, false))) {
            Collected sink = new Collected();
            new LogFollower(server.url(), "/logtail/web/stdout", ALICE, sink).follow();
            assertEquals(List.of("héllo\n", "Undecodable: b'\\xc3('"), sink.text);
            assertEquals(List.of(), sink.problems);
            String request = server.requests().get(0);
            assertTrue(request.startsWith("GET /logtail/web/stdout HTTP/1.1\r\nHost: localhost\r\n"), request);
            assertTrue(request.contains("Authorization: Basic "), request);
        }
    }

    @Test
    void reportsAStatusOtherThan200AsSupervisorctlsClientDoes() throws Exception {
        try (StubServer server = StubServer.unix(dir.resolve("s.sock"),
                (n, h) -> StubServer.Reply.of("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", true))) {
            Collected sink = new Collected();
            new LogFollower(server.url(), "/logtail/nope/stdout", Credentials.NONE, sink).follow();
            assertEquals(List.of(server.url() + "/logtail/nope/stdout Cannot read, status code 404"), sink.problems);
        }
        Collected refused = new Collected();
        new LogFollower("unix://" + dir.resolve("none.sock"), "/mainlogtail", Credentials.NONE, refused).follow();
        assertEquals(List.of("unix://" + dir.resolve("none.sock") + "/mainlogtail Cannot connect, error: "
                + "<class 'FileNotFoundError'> ([Errno 2] No such file or directory)"), refused.problems);
    }

    @Test
    void stopEndsAFollowThatIsWaitingForMore() throws Exception {
        String open = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n";
        try (StubServer server = StubServer.tcp((n, h) -> StubServer.Reply.of(open, false))) {
            Collected sink = new Collected();
            LogFollower follower = new LogFollower(server.url(), "/mainlogtail", Credentials.NONE, sink);
            Thread thread = new Thread(follower::follow);
            thread.start();
            assertTrue(sink.firstText.await(30, TimeUnit.SECONDS));
            follower.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), "follow() returned after stop()");
            assertEquals(List.of("abc"), sink.text);
            assertEquals(List.of(), sink.problems, "a stop is not a problem");
        }
    }

    @Test
    void aTcpAddressTriesEveryAddressOfTheName() throws Exception {
        try (StubServer server = StubServer.tcp((n, h) -> StubServer.Reply.of(StubServer.xmlRpcString("ok"), false))) {
            int port = Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
            ServerAddress.Tcp address = new ServerAddress.Tcp("localhost", port);
            try (var channel = address.connect()) {
                assertEquals(port, ((InetSocketAddress) channel.getRemoteAddress()).getPort());
            }
        }
    }
}
