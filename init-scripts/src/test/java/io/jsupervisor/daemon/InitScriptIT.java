package io.jsupervisor.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.daemon.InstalledDistribution.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed LSB init script driving jsupervisord through Debian's real jsvc: start, status,
 * reload, stop, and what must not happen (a second daemon, orphans, a JVM restart on SIGHUP).
 */
class InitScriptIT {
    private static final String JSVC = "/usr/bin/jsvc";
    private static final int NOBODY = 65534;

    @TempDir
    Path root;
    private InstalledDistribution d;
    private Map<String, String> env;

    @BeforeEach
    void install() throws Exception {
        RequiredTools.require(Files.isExecutable(Path.of(JSVC)), "Debian's jsvc", "apt-get install jsvc");
        d = InstalledDistribution.install(root);
        d.keepRunFilesInRoot();
        env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JSUPERVISOR_PIDFILE", root.resolve("run/jsvc.pid").toString()));
        Files.writeString(d.confDir.resolve("conf.d/apps.conf"), """
                [program:asnobody]
                command=sleep 31001
                user=nobody

                [program:asroot]
                command=sleep 31002
                stopasgroup=true
                """);
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        if (d != null) {
            d.run(env, d.initScript.toString(), "stop");
        }
    }

    @Test
    void startStatusReloadStopAsAnInitScript() throws Exception {
        assertEquals(3, script("status").exit(), "status before start");
        Result start = script("start");
        assertEquals(0, start.exit(), start.toString());
        Result status = script("status");
        assertEquals(0, status.exit(), status.toString());
        int jvm = daemonPid();
        assertTrue(status.out().contains("running (pid " + jvm + ")"), status.out());

        until("both programs to run", () -> ctl("status").out().lines().filter(l -> l.contains("RUNNING")).count() == 2);
        int nobody = programPid("asnobody");
        int rooted = programPid("asroot");
        assertEquals(NOBODY, uid(nobody), "asnobody runs as nobody");
        assertEquals(0, uid(rooted), "asroot runs as root");

        // start again: the running daemon is reported, no second one starts
        Result again = script("start");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("already running (pid " + jvm + ")"), again.out());
        assertEquals(1, jvmsOfThisInstallation(), "one daemon JVM");

        // reload: the configuration is read again and every program restarted (supervisord's SIGHUP),
        // in the same JVM; jsvc would have restarted the JVM
        Files.writeString(d.confDir.resolve("conf.d/added.conf"), "[program:added]\ncommand=sleep 31003\n");
        Result reload = script("reload");
        assertEquals(0, reload.exit(), reload.toString());
        until("the added program to run after the reload", () -> ctl("status", "added").out().contains("RUNNING"));
        until("asroot to run again after the reload", () -> ctl("status", "asroot").out().contains("RUNNING"));
        assertNotEquals(rooted, programPid("asroot"), "supervisord's reload restarts every program");
        assertEquals(jvm, daemonPid(), "the reload kept the daemon's JVM");
        assertTrue(mainLog().contains("received SIGHUP indicating restart request"), mainLog());

        // USR2, which jsvc keeps, reaches the daemon through DaemonUserSignal: the logs are reopened
        new ProcessBuilder("kill", "-USR2", Integer.toString(jvm)).start().waitFor();
        until("the log reopen", () -> mainLog().contains("supervisord logreopen"));

        List<Integer> programs = List.of(programPid("asnobody"), programPid("asroot"), programPid("added"));
        Result stop = script("stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertFalse(Files.isDirectory(Path.of("/proc/" + jvm)), "the daemon's JVM is gone");
        for (int pid : programs) {
            assertFalse(Files.isDirectory(Path.of("/proc/" + pid)), "program pid " + pid + " is gone");
        }
        assertEquals(Optional.empty(), leftoverSleeps(), "no program outlives the daemon");
        assertTrue(mainLog().contains("stopped: asroot (terminated by SIGTERM)"), mainLog());
        assertEquals(3, script("status").exit(), "status after stop");
        assertEquals(0, script("stop").exit(), "stop when stopped");
        assertEquals(7, script("reload").exit(), "reload when stopped");
    }

    @Test
    void restartGivesANewDaemonAndShutdownThroughTheRpcEndsTheJvm() throws Exception {
        assertEquals(0, script("start").exit());
        int first = daemonPid();
        Result restart = script("restart");
        assertEquals(0, restart.exit(), restart.toString());
        int second = daemonPid();
        assertNotEquals(first, second);
        assertFalse(Files.isDirectory(Path.of("/proc/" + first)));
        until("the programs to run", () -> ctl("status").out().lines().filter(l -> l.contains("RUNNING")).count() == 2);

        // shut down by a client, not by jsvc: the JVM must end too, or the init script would see a daemon
        assertEquals(new Result(0, "Shut down\n", ""), ctl("shutdown"));
        until("the JVM to end after shutdown", () -> !Files.isDirectory(Path.of("/proc/" + second)));
        until("status to say stopped", () -> scriptUnchecked("status").exit() == 3);
        assertEquals(Optional.empty(), leftoverSleeps());
    }

    @Test
    void aBrokenConfigurationIsReportedAndNothingStarts() throws Exception {
        Files.writeString(d.confDir.resolve("conf.d/broken.conf"), "[program:broken]\ncommand=/bin/true\nstartsecs=soon\n");
        Result start = script("start");
        assertEquals(6, start.exit(), start.toString());
        assertTrue(start.err().lines().anyMatch(line -> line.startsWith("Error: ") && line.endsWith(
                "conf.d/broken.conf:3 [program:broken] startsecs: 'soon' is not a whole number")), start.err());
        assertEquals(3, script("status").exit());
    }

    @Test
    void missingSettingsGiveLsbExitStatuses() throws Exception {
        Map<String, String> noJsvc = new HashMap<>(env);
        noJsvc.put("JSVC", root.resolve("no-jsvc").toString());
        Result start = d.run(noJsvc, d.initScript.toString(), "start");
        assertEquals(5, start.exit(), start.toString());
        assertTrue(start.err().contains("install Debian's jsvc package"), start.err());
        assertEquals(2, script("bogus").exit());
    }

    private Result script(String command) throws IOException, InterruptedException {
        return d.run(env, d.initScript.toString(), command);
    }

    private Result scriptUnchecked(String command) {
        try {
            return script(command);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Result ctl(String... args) {
        try {
            return d.ctl(args);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private int daemonPid() throws IOException {
        return Integer.parseInt(Files.readString(root.resolve("run/jsvc.pid")).strip());
    }

    private int programPid(String name) {
        return Integer.parseInt(ctl("pid", name).out().strip());
    }

    private String mainLog() {
        try {
            return Files.readString(d.logDir.resolve("jsupervisord.log"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int uid(int pid) throws IOException {
        Matcher m = Pattern.compile("(?m)^Uid:\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** How many JVMs run this installation's jsvc daemon (jsvc's controller, with one thread, is not one). */
    private long jvmsOfThisInstallation() throws IOException {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")));
                    return cmd.contains("io.jsupervisor.daemon.JsvcDaemon") && cmd.contains(d.confDir.toString())
                            && !Files.readString(p.resolve("status")).contains("\nThreads:\t1\n");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    /** A process left of the programs, if any. */
    private static Optional<String> leftoverSleeps() throws IOException {
        return processes().filter(cmd -> cmd.matches("sleep 3100[123]")).findFirst();
    }

    private static java.util.stream.Stream<String> processes() throws IOException {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip();
                } catch (IOException gone) {
                    return "";
                }
            }).toList().stream();
        }
    }
}
