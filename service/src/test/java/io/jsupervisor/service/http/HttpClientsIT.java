package io.jsupervisor.service.http;

import static io.jsupervisor.config.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsupervisor.config.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock clients against our servers: supervisord's own Python XML-RPC transport, supervisorctl
 * (its XML-RPC calls and its own HTTP client for {@code tail -f}), and curl; over a unix socket with
 * credentials, a unix socket without, and TCP.
 */
@Timeout(180)
class HttpClientsIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "apt-get install supervisor python3 curl";
    /** Two calls on one {@code SupervisorTransport}; says whether the second reused the first's connection. */
    private static final String RPC_SCRIPT = String.join("\n",
            "import sys",
            "from xmlrpc.client import ServerProxy, ProtocolError",
            "from supervisor.xmlrpc import SupervisorTransport",
            "transport = SupervisorTransport(sys.argv[2] or None, sys.argv[3] or None, sys.argv[1])",
            "proxy = ServerProxy('http://127.0.0.1', transport=transport)",
            "try:",
            "    print(proxy.supervisor.getVersion())",
            "    first = transport.connection.sock",
            "    print(proxy.supervisor.getSupervisorVersion())",
            "    print('same connection' if transport.connection.sock is first else 'new connection')",
            "except ProtocolError as e:",
            "    print('ProtocolError', e.errcode, e.errmsg)");

    @TempDir
    Path dir;
    private final TestServers servers = new TestServers();
    private Path guarded;
    private Path open;
    private int port;
    private Path log;

    @BeforeEach
    void startServers() throws Exception {
        guarded = dir.resolve("guarded.sock");
        open = dir.resolve("open.sock");
        port = freePort();
        log = dir.resolve("ünï-stdout.log");
        Files.writeString(log, "");
        servers.logFiles.add("group:ünï", "stdout", Optional.of(log)).add("web", "stdout", Optional.of(log));
        servers.logFiles.mainLog(log);
        servers.start(TestServers.unix("unix_http_server", guarded, new Credentials("user", "s3cret")),
                TestServers.unix("unix_http_server:open", open),
                TestServers.inet("inet_http_server", port, new Credentials("user", "{SHA}"
                        + "fef341f85d87439e7d91a2d465b9871ef66b5e98"))); // printf s3cret | sha1sum
    }

    @AfterEach
    void closeServers() {
        servers.close();
    }

    private static void requirePythonSupervisor() {
        RequiredTools.require(RequiredTools.runs(PYTHON, "-c", "import supervisor.xmlrpc"),
                "supervisord's Python package", INSTALL);
    }

    private static void requireSupervisorctl() {
        RequiredTools.require(RequiredTools.runs("supervisorctl", "--help"), "supervisorctl", INSTALL);
    }

    private static void requireCurl() {
        RequiredTools.require(RequiredTools.runs("curl", "--version"), "curl", INSTALL);
    }

    private String rpc(String url, String user, String password) throws Exception {
        return ToolProcess.run(0, PYTHON, "-c", RPC_SCRIPT, url, user, password);
    }

    @Test
    void supervisordTransportKeepsOneConnectionOverEveryServerKind() throws Exception {
        requirePythonSupervisor();
        String expected = "3.0\n4.2.5\nsame connection\n";
        assertEquals(expected, rpc("unix://" + guarded, "user", "s3cret"));
        assertEquals(expected, rpc("unix://" + open, "", ""));
        assertEquals(expected, rpc("http://127.0.0.1:" + port, "user", "s3cret"));
    }

    @Test
    void supervisordTransportWithWrongCredentialsGets401() throws Exception {
        requirePythonSupervisor();
        assertEquals("ProtocolError 401 Unauthorized\n", rpc("unix://" + guarded, "user", "wrong"));
        assertEquals("ProtocolError 401 Unauthorized\n", rpc("http://127.0.0.1:" + port, "", ""));
    }

    @Test
    void supervisorctlTalksToEveryServerKind() throws Exception {
        requireSupervisorctl();
        Path conf = dir.resolve("supervisorctl.conf");
        Files.writeString(conf, "[supervisorctl]\nserverurl=unix://" + guarded + "\nusername=user\npassword=s3cret\n");
        assertEquals("4.2.5\n", ToolProcess.run(0, "supervisorctl", "-c", conf.toString(), "version"));
        assertEquals("4.2.5\n", ToolProcess.run(0, "supervisorctl", "-s", "unix://" + open, "version"));
        assertEquals("4.2.5\n", ToolProcess.run(0, "supervisorctl", "-s", "http://127.0.0.1:" + port,
                "-u", "user", "-p", "s3cret", "version"));
    }

    @Test
    void supervisorctlWithoutCredentialsIsToldToAuthenticate() throws Exception {
        requireSupervisorctl();
        try (ToolProcess ctl = ToolProcess.start(List.of("supervisorctl", "-s", "unix://" + guarded, "version"))) {
            ctl.awaitExit();
            assertTrue(ctl.output().contains("Server requires authentication"), ctl.output());
        }
    }

    @Test
    void supervisorctlTailFollowsAProcessLogAcrossRotationAndLetsGoWhenKilled() throws Exception {
        requireSupervisorctl();
        Files.writeString(log, "old line\n");
        // The name goes into the request line unencoded, over a unix socket with an empty Host header.
        try (ToolProcess tail = ToolProcess.start(List.of("supervisorctl", "-s", "unix://" + guarded,
                "-u", "user", "-p", "s3cret", "tail", "-f", "group:ünï"))) {
            tail.awaitOutput("==> Press Ctrl-C to exit <==\nold line\n");
            append(log, "grown\n");
            tail.awaitOutput("old line\ngrown\n");
            Files.move(log, dir.resolve("rotated.log"));
            Files.writeString(log, "after rotation\n");
            tail.awaitOutput("grown\nafter rotation\n");
            Poll.until("the server follows the new file", () -> OpenFiles.count(log) == 1);
        }
        Poll.until("the server lets the log go", () -> OpenFiles.count(log) == 0);
    }

    @Test
    void supervisorctlMaintailFollowsTheMainLogOverTcp() throws Exception {
        requireSupervisorctl();
        Files.writeString(log, "main log line\n");
        try (ToolProcess tail = ToolProcess.start(List.of("supervisorctl", "-s", "http://127.0.0.1:" + port,
                "-u", "user", "-p", "s3cret", "maintail", "-f"))) {
            tail.awaitOutput("main log line\n");
            append(log, "next\n");
            tail.awaitOutput("main log line\nnext\n");
        }
    }

    @Test
    void curlCallsRpcAndFollowsALog() throws Exception {
        requireCurl();
        String body = CannedRpc.call("supervisor.getVersion");
        assertEquals(CannedRpc.VERSION_3_0, ToolProcess.run(0, "curl", "-sS", "--unix-socket", guarded.toString(),
                "-u", "user:s3cret", "-H", "Content-Type: text/xml", "--data-binary", body, "http://localhost/RPC2"));
        assertEquals("401", ToolProcess.run(0, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-u", "user:wrong", "--data-binary", body, "http://127.0.0.1:" + port + "/RPC2"));
        assertEquals("404", ToolProcess.run(0, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--unix-socket", open.toString(), "http://localhost/logtail/nobody"));

        Files.writeString(log, "curl sees this\n");
        try (ToolProcess curl = ToolProcess.start(List.of("curl", "-sSN", "--unix-socket", open.toString(),
                "http://localhost/logtail/web/stdout"))) {
            curl.awaitOutput("curl sees this\n");
            append(log, "and this\n");
            curl.awaitOutput("curl sees this\nand this\n");
        }
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
