package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.daemon.DaemonHarness.alive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a container's entry point: PID 1 of a new PID namespace ({@code unshare}), where
 * every orphan is its to reap, SIGTERM from the runtime ends everything, and a program with
 * {@code on_fatal=shutdown} ends the daemon with exit status 1 so the orchestrator restarts it.
 */
class ContainerModeIT {
    private static final List<String> NEW_PID_NAMESPACE = List.of("unshare", "--fork", "--pid", "--mount-proc",
            "--kill-child=TERM");

    @TempDir
    Path dir;

    @Test
    void asPid1ADoubleForkingProgramLeavesNoZombieAndSigtermEndsEverything() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "a PID namespace needs root");
        // the subshell exits at once, so its background child is orphaned to PID 1 and exits later
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:forker]\n"
                + "command=/bin/sh -c '(/bin/sh -c \"sleep 0.5; exit 5\" &); exec sleep 31501'\nstartsecs=0\n",
                NEW_PID_NAMESPACE)) {
            d.await("supervisord started with pid 1");
            d.await("reaped unknown pid \\d+ \\(exit status 5\\)");
            long daemon = daemonOf(d);
            assertEquals(List.of(), zombieChildren(daemon), "zombies under the daemon");
            new ProcessBuilder("kill", "-TERM", Long.toString(daemon)).start().waitFor();
            d.await("received SIGTERM indicating exit request");
            d.await("stopped: forker \\(terminated by SIGTERM\\)");
            assertEquals(0, d.awaitExit());
            until("the namespace's processes to be gone", () -> !alive(daemon));
        }
    }

    @Test
    void aProgramWithOnFatalShutdownEndsTheDaemonWithStatus1() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "a PID namespace needs root");
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:essential]\ncommand=/bin/sh -c 'exit 3'\n"
                + "startretries=0\non_fatal=shutdown\npriority=1\n\n[program:steady]\ncommand=sleep 31502\n"
                + "startsecs=0\n", NEW_PID_NAMESPACE)) {
            d.await("gave up: essential entered FATAL state, too many start retries too quickly");
            d.await("shutting down: essential entered FATAL state and has on_fatal=shutdown");
            d.await("stopped: steady \\(terminated by SIGTERM\\)");
            assertEquals(1, d.awaitExit(), "the daemon's exit status, through unshare");
            assertTrue(d.lines().stream().anyMatch(l -> l.contains(" CRIT shutting down: essential")), "logged as CRIT");
        }
    }

    @Test
    void withoutOnFatalAFatalProgramLeavesTheDaemonRunning() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:essential]\ncommand=/bin/sh -c 'exit 3'\n"
                + "startretries=0\n\n[program:later]\ncommand=sleep 31503\nstartsecs=2\n")) {
            d.await("gave up: essential entered FATAL state, too many start retries too quickly");
            d.await("success: later entered RUNNING state, process has stayed up for > than 2 seconds \\(startsecs\\)");
            assertEquals(0, d.count("CRIT shutting down.*"));
            d.stopCleanly();
        }
    }

    /** The daemon's pid as the host sees it: the only child of unshare. */
    private static long daemonOf(DaemonHarness d) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc", Long.toString(d.pid()), "task", Long.toString(d.pid()),
                "children")).strip());
    }

    /** The children of {@code pid}, over all its threads, that are zombies. */
    private static List<Long> zombieChildren(long pid) throws IOException {
        List<Long> zombies = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String children = Files.readString(task.resolve("children")).strip();
                for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
                    if (!alive(Long.parseLong(child)) && Files.exists(Path.of("/proc", child))) {
                        zombies.add(Long.parseLong(child));
                    }
                }
            }
        }
        return zombies;
    }
}
