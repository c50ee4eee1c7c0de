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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jsupervisor.config.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML-RPC straight over the daemon's unix socket: every answer and fault shape the stock client does
 * not reach, and bad input of every kind. After each bad request the daemon still answers.
 */
class RpcIT {
    /** The main-log lines of one step of a rolling restart of group {@code pool}. */
    private static final Pattern ROLL_STEP = Pattern.compile("(stopped|spawned|success): '?(pool_\\d)");

    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private UnixRpc rpc;

    @BeforeEach
    void start() throws Exception {
        Path worker = dir.resolve("worker.sh");
        Files.writeString(worker, "#!/bin/sh\nexec sleep 1000\n");
        worker.toFile().setExecutable(true);
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
                [program:pool]
                command=%(here)s/worker.sh
                numprocs=2
                process_name=%(program_name)s_%(process_num)d
                """);
        rpc = new UnixRpc(dir.resolve("s.sock"));
        daemon.await("success: prög entered RUNNING state.*");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private void stillAnswers() throws Exception {
        assertEquals((int) daemon.pid(), rpc.call("supervisor.getPID"));
    }

    @Test
    void answersWithSupervisordsShapes() throws Exception {
        assertEquals("3.0", rpc.call("supervisor.getAPIVersion"));
        assertEquals(Map.of("statecode", 1, "statename", "RUNNING"), rpc.call("supervisor.getState"));
        assertEquals("supervisor", rpc.call("supervisor.getIdentification"));
        Map<?, ?> info = (Map<?, ?>) rpc.call("supervisor.getProcessInfo", "prög");
        assertEquals(List.of("name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus",
                "logfile", "stdout_logfile", "stderr_logfile", "pid", "description"), List.copyOf(info.keySet()));
        assertEquals("RUNNING", info.get("statename"));
        assertTrue(((String) info.get("description")).matches("pid \\d+, uptime 0:00:0\\d"), info.toString());
        assertEquals(42, ((List<?>) rpc.call("system.listMethods")).size());
        assertEquals(List.of("struct", "string"), rpc.call("system.methodSignature", "supervisor.getProcessInfo"));
        assertEquals(Boolean.TRUE, rpc.call("supervisor.sendProcessStdin", "prög", "hällo\n"));
        Poll.until("cat to echo its input", () -> {
            try {
                return rpc.call("supervisor.readProcessStdoutLog", "prög", 0, 0).equals("hällo\n");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of(Map.of("name", "idle", "group", "idle", "status", 80, "description", "OK")),
                rpc.call("supervisor.startProcessGroup", "idle", false));
        assertEquals(List.of(Map.of("name", "prög", "group", "prög", "status", 80, "description", "OK")),
                rpc.call("supervisor.signalProcessGroup", "prög", "WINCH"));
        assertEquals(List.of("", 0, false), rpc.call("supervisor.tailProcessStderrLog", "idle", 0, 100));
    }

    @Test
    void rollingRestartStartsEachProcessBeforeStoppingTheNextAndStopsAtAFailure() throws Exception {
        daemon.await("success: pool_1 entered RUNNING state.*");
        int first = pid("pool:pool_0");
        int second = pid("pool:pool_1");
        int linesBefore = daemon.lines().size();
        assertEquals(List.of(ok("pool", "pool_0"), ok("pool", "pool_1")), rpc.call("jsupervisor.rollingRestart", "pool"));
        List<String> steps = daemon.lines().subList(linesBefore, daemon.lines().size()).stream()
                .map(ROLL_STEP::matcher).filter(Matcher::find).map(m -> m.group(1) + " " + m.group(2))
                .toList();
        assertEquals(List.of("stopped pool_0", "spawned pool_0", "success pool_0",
                "stopped pool_1", "spawned pool_1", "success pool_1"), steps, String.join("\n", daemon.lines()));
        assertTrue(pid("pool:pool_0") != first && pid("pool:pool_1") != second);

        int untouched = pid("pool:pool_1");
        Files.delete(dir.resolve("worker.sh"));
        List<?> failed = (List<?>) rpc.call("jsupervisor.rollingRestart", "pool");
        assertEquals(1, failed.size(), "the roll ends at the first process that does not start: " + failed);
        assertEquals(20, ((Map<?, ?>) failed.get(0)).get("status"), "NO_FILE: " + failed);
        assertEquals(untouched, pid("pool:pool_1"));
        assertEquals("BAD_NAME: nope", rpc.fault("jsupervisor.rollingRestart", "nope").string());
    }

    private int pid(String namespec) throws Exception {
        return (Integer) ((Map<?, ?>) rpc.call("supervisor.getProcessInfo", namespec)).get("pid");
    }

    private static Map<String, Object> ok(String group, String name) {
        return Map.of("name", name, "group", group, "status", 80, "description", "OK");
    }

    @Test
    void faultsCarrySupervisordsCodesAndStrings() throws Exception {
        assertEquals("BAD_NAME: nosuch", rpc.fault("supervisor.getProcessInfo", "nosuch").string());
        assertEquals(10, rpc.fault("supervisor.getProcessInfo", "a:b:c").code());
        assertEquals("BAD_NAME: prög:*", rpc.fault("supervisor.getProcessInfo", "prög:*").string());
        assertEquals("ALREADY_STARTED: prög", rpc.fault("supervisor.startProcess", "prög").string());
        assertEquals("NOT_RUNNING: idle", rpc.fault("supervisor.stopProcess", "idle").string());
        assertEquals("BAD_SIGNAL: NOPE", rpc.fault("supervisor.signalProcess", "prög", "NOPE").string());
        assertEquals("BAD_ARGUMENTS", rpc.fault("supervisor.readProcessStdoutLog", "prög", -1, 5).string());
        assertEquals("ALREADY_ADDED: prög", rpc.fault("supervisor.addProcessGroup", "prög").string());
        assertEquals("BAD_NAME: nosuch", rpc.fault("supervisor.addProcessGroup", "nosuch").string());
        assertEquals("STILL_RUNNING: prög", rpc.fault("supervisor.removeProcessGroup", "prög").string());
        assertEquals(4, rpc.fault("system.methodHelp", "supervisor.nosuch").code());
        stillAnswers();
    }

    @Test
    void onlyListedMethodsCanBeCalled() throws Exception {
        for (String name : List.of("supervisor.nosuch", "supervisor._update", "supervisor.__init__",
                "supervisor.getPID.__func__", "supervisor", "__class__.__init__", "system._listMethods", "os.system")) {
            assertEquals("UNKNOWN_METHOD", rpc.fault(name, "x").string(), name);
        }
        stillAnswers();
    }

    @Test
    void wrongArgumentsAreIncorrectParameters() throws Exception {
        assertEquals("INCORRECT_PARAMETERS", rpc.fault("supervisor.getProcessInfo").string());
        assertEquals("INCORRECT_PARAMETERS", rpc.fault("supervisor.getProcessInfo", "a", "b").string());
        assertEquals("INCORRECT_PARAMETERS", rpc.fault("supervisor.getProcessInfo", 7).string());
        assertEquals("INCORRECT_PARAMETERS", rpc.fault("supervisor.readLog", "x", List.of()).string());
        assertEquals(2, rpc.fault("supervisor.sendProcessStdin", "prög", 5).code());
        stillAnswers();
    }

    @Test
    void multicallMixesBareResultsAndFaults() throws Exception {
        Object results = rpc.call("system.multicall", List.of(entry("supervisor.getPID", List.of()),
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
                rpc = new UnixRpc(run.resolve("s.sock"));
                assertEquals(Boolean.TRUE, rpc.call("supervisor.shutdown"));
                assertEquals(0, empty.awaitExit());
                assertFalse(Files.exists(run.resolve("s.sock")), "the socket file is removed");
            }
        }
    }

    @Test
    void badBodiesAreRefusedAndTheDaemonGoesOn() throws Exception {
        assertEquals(400, rpc.post("<methodCall><methodName>x".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, rpc.post("not xml at all".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, rpc.post("<methodCall><params/></methodCall>".getBytes(StandardCharsets.UTF_8)).status());
        Path secret = Files.writeString(dir.resolve("secret"), "TOP-SECRET-7f3a");
        UnixRpc.Answer xxe = rpc.post(("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file://" + secret
                + "\">]><methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value>&x;</value>"
                + "</param></params></methodCall>").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, xxe.status());
        assertFalse(xxe.text().contains("TOP-SECRET"));
        assertFalse(String.join("\n", daemon.lines()).contains("TOP-SECRET"), "the entity was never read");
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        int status = rpc.post(huge).status();
        assertTrue(status == 413 || status == 400, "10 MB body: " + status);
        stillAnswers();
        assertInstanceOf(Integer.class, rpc.call("supervisor.getPID"));
    }
}
