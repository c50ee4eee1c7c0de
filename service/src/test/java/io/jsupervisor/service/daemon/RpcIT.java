package io.jsupervisor.service.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jsupervisor.config.testing.Poll;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML-RPC straight over the daemon's unix socket: every answer and fault shape the stock client does
 * not reach, and bad input of every kind. After each bad request the daemon still answers.
 */
class RpcIT {
    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private UnixRpc rpc;

    @BeforeEach
    void start() throws Exception {
        daemon = DaemonHarness.start(dir, "", """
                [unix_http_server]
                file=%(here)s/s.sock
                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                [program:prög]
                command=/bin/cat
                startsecs=0
                [program:idle]
                command=/bin/sleep 1000
                autostart=false
                """);
        rpc = new UnixRpc(dir.resolve("s.sock"));
        daemon.await("success: prög entered RUNNING state.*");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private Object call(String method, Object... params) throws Exception {
        return rpc.call(method, params);
    }

    private XmlRpcFault fault(String method, Object... params) throws Exception {
        try {
            Object value = call(method, params);
            throw new AssertionError(method + " answered " + value + " instead of a fault");
        } catch (XmlRpcFault fault) {
            return fault;
        }
    }

    private void stillAnswers() throws Exception {
        assertEquals((int) daemon.pid(), call("supervisor.getPID"));
    }

    @Test
    void answersWithSupervisordsShapes() throws Exception {
        assertEquals("3.0", call("supervisor.getAPIVersion"));
        assertEquals(Map.of("statecode", 1, "statename", "RUNNING"), call("supervisor.getState"));
        assertEquals("supervisor", call("supervisor.getIdentification"));
        Map<?, ?> info = (Map<?, ?>) call("supervisor.getProcessInfo", "prög");
        assertEquals(List.of("name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus",
                "logfile", "stdout_logfile", "stderr_logfile", "pid", "description"), List.copyOf(info.keySet()));
        assertEquals("RUNNING", info.get("statename"));
        assertTrue(((String) info.get("description")).matches("pid \\d+, uptime 0:00:0\\d"), info.toString());
        assertEquals(41, ((List<?>) call("system.listMethods")).size());
        assertEquals(List.of("struct", "string"), call("system.methodSignature", "supervisor.getProcessInfo"));
        assertEquals(Boolean.TRUE, call("supervisor.sendProcessStdin", "prög", "hällo\n"));
        Poll.until("cat to echo its input", () -> {
            try {
                return call("supervisor.readProcessStdoutLog", "prög", 0, 0).equals("hällo\n");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of(Map.of("name", "idle", "group", "idle", "status", 80, "description", "OK")),
                call("supervisor.startProcessGroup", "idle", false));
        assertEquals(List.of(Map.of("name", "prög", "group", "prög", "status", 80, "description", "OK")),
                call("supervisor.signalProcessGroup", "prög", "WINCH"));
        assertEquals(List.of("", 0, false), call("supervisor.tailProcessStderrLog", "idle", 0, 100));
    }

    @Test
    void faultsCarrySupervisordsCodesAndStrings() throws Exception {
        assertEquals("BAD_NAME: nosuch", fault("supervisor.getProcessInfo", "nosuch").string());
        assertEquals(10, fault("supervisor.getProcessInfo", "a:b:c").code());
        assertEquals("BAD_NAME: prög:*", fault("supervisor.getProcessInfo", "prög:*").string());
        assertEquals("ALREADY_STARTED: prög", fault("supervisor.startProcess", "prög").string());
        assertEquals("NOT_RUNNING: idle", fault("supervisor.stopProcess", "idle").string());
        assertEquals("BAD_SIGNAL: NOPE", fault("supervisor.signalProcess", "prög", "NOPE").string());
        assertEquals("BAD_ARGUMENTS", fault("supervisor.readProcessStdoutLog", "prög", -1, 5).string());
        assertEquals("ALREADY_ADDED: prög", fault("supervisor.addProcessGroup", "prög").string());
        assertEquals("BAD_NAME: nosuch", fault("supervisor.addProcessGroup", "nosuch").string());
        assertEquals("STILL_RUNNING: prög", fault("supervisor.removeProcessGroup", "prög").string());
        assertEquals(4, fault("system.methodHelp", "supervisor.nosuch").code());
        stillAnswers();
    }

    @Test
    void onlyListedMethodsCanBeCalled() throws Exception {
        for (String name : List.of("supervisor.nosuch", "supervisor._update", "supervisor.__init__",
                "supervisor.getPID.__func__", "supervisor", "__class__.__init__", "system._listMethods", "os.system")) {
            assertEquals("UNKNOWN_METHOD", fault(name, "x").string(), name);
        }
        stillAnswers();
    }

    @Test
    void wrongArgumentsAreIncorrectParameters() throws Exception {
        assertEquals("INCORRECT_PARAMETERS", fault("supervisor.getProcessInfo").string());
        assertEquals("INCORRECT_PARAMETERS", fault("supervisor.getProcessInfo", "a", "b").string());
        assertEquals("INCORRECT_PARAMETERS", fault("supervisor.getProcessInfo", 7).string());
        assertEquals("INCORRECT_PARAMETERS", fault("supervisor.readLog", "x", List.of()).string());
        assertEquals(2, fault("supervisor.sendProcessStdin", "prög", 5).code());
        stillAnswers();
    }

    @Test
    void multicallMixesBareResultsAndFaults() throws Exception {
        Object results = call("system.multicall", List.of(entry("supervisor.getPID", List.of()),
                entry("supervisor.getProcessInfo", List.of("nosuch")), entry("supervisor.nosuch", List.of()),
                entry("supervisor.getAPIVersion", List.of())));
        assertEquals(List.of((int) daemon.pid(), Map.of("faultCode", 10, "faultString", "BAD_NAME: nosuch"),
                Map.of("faultCode", 1, "faultString", "UNKNOWN_METHOD"), "3.0"), results);
    }

    /** One call of a {@code system.multicall}. */
    private static Map<String, Object> entry(String name, List<Object> params) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("methodName", name);
        call.put("params", params);
        return call;
    }

    @Test
    void shutdownIsAnsweredBeforeTheServersClose() throws Exception {
        daemon.close();
        // With nothing to stop the daemon ends at once: the answer must still be written first.
        for (int i = 0; i < 5; i++) {
            Path run = Files.createDirectories(dir.resolve("run" + i));
            try (DaemonHarness empty = DaemonHarness.start(run, "", "[unix_http_server]\nfile=%(here)s/s.sock\n"
                    + "[rpcinterface:supervisor]\n"
                    + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n")) {
                empty.await("supervisord started with pid .*");
                Path socket = run.resolve("s.sock");
                rpc = new UnixRpc(socket);
                assertEquals(Boolean.TRUE, call("supervisor.shutdown"));
                assertEquals(0, empty.awaitExit());
                assertFalse(Files.exists(socket), "the socket file is removed");
            }
        }
    }

    @Test
    void badBodiesAreRefusedAndTheDaemonGoesOn() throws Exception {
        assertEquals(400, rpc.post("<methodCall><methodName>x".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, rpc.post("not xml at all".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, rpc.post("<methodCall><params/></methodCall>".getBytes(StandardCharsets.UTF_8)).status());
        Path secret = Files.writeString(dir.resolve("secret"), "TOP-SECRET-7f3a");
        UnixRpc.Answer xxe = rpc.post(("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value>&x;</value>"
                + "</param></params></methodCall>").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, xxe.status());
        assertFalse(xxe.text().contains("TOP-SECRET"));
        assertFalse(String.join("\n", daemon.lines()).contains("TOP-SECRET"), "the entity was never read");
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        int status = rpc.post(huge).status();
        assertTrue(status == 413 || status == 400, "10 MB body: " + status);
        stillAnswers();
        assertInstanceOf(Integer.class, call("supervisor.getPID"));
    }
}
