package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.daemon.DaemonHarness.alive;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases that race, repeated many times against the real daemon. */
class RaceIT {
    @TempDir
    Path dir;

    private static int openFds(long pid) throws IOException {
        File[] fds = new File("/proc/" + pid + "/fd").listFiles();
        return fds == null ? 0 : fds.length;
    }

    /** Live processes whose command line contains {@code marker}. */
    private static List<Long> processesWith(String marker) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).contains(marker);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).filter(DaemonHarness::alive).toList();
        }
    }

    @Test
    void aProgramThatExitsAtOnceIsRestartedHundredsOfTimesWithoutLeaking() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:fast]\ncommand=/bin/true\nstartsecs=0\n"
                + "autorestart=true\n")) {
            until("100 restarts", () -> d.count("spawned: 'fast' with pid \\d+") >= 100);
            int fdsAfter100 = openFds(d.pid());
            until("300 restarts", () -> d.count("spawned: 'fast' with pid \\d+") >= 300);
            int fdsAfter300 = openFds(d.pid());
            assertTrue(fdsAfter300 <= fdsAfter100 + 6, "descriptors grew from " + fdsAfter100 + " to " + fdsAfter300);
            d.stopCleanly();
            assertTrue(d.count("exited: fast \\(exit status 0; expected\\)") >= 299);
        }
    }

    @Test
    void stoppingWhileStartingThirtyTimesLeavesNoChildBehind() throws Exception {
        String marker = "987654" + ProcessHandle.current().pid();
        // It writes a line, so each run opens its log file; a restart must close the previous run's.
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:slow]\ncommand=/bin/sh -c 'echo up; exec "
                + "/bin/sleep " + marker + "'\nstartsecs=100\n")) {
            int fdsAfterRound5 = 0;
            for (int round = 1; round <= 30; round++) {
                long pid = Long.parseLong(d.await("spawned: 'slow' with pid (\\d+)", round).group(1));
                if (round == 5) {
                    fdsAfterRound5 = openFds(d.pid());
                }
                d.signal("HUP");
                d.await("stopped: slow \\(terminated by SIGTERM\\)", round);
                until("child " + pid + " is gone", () -> !alive(pid));
            }
            d.await("spawned: 'slow' with pid \\d+", 31);
            int fdsAtTheEnd = openFds(d.pid());
            assertTrue(fdsAtTheEnd <= fdsAfterRound5 + 6, "a restart leaks descriptors: " + fdsAfterRound5
                    + " after 5 restarts, " + fdsAtTheEnd + " after 30");
            d.stopCleanly();
            until("no sleep is left", () -> {
                try {
                    return processesWith(marker).isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aStormOfSignalsIsSurvived() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:steady]\ncommand=/bin/sleep 1000\n")) {
            long pid = Long.parseLong(d.await("spawned: 'steady' with pid (\\d+)").group(1));
            d.await("success: steady entered RUNNING state.*");
            for (int i = 0; i < 200; i++) {
                new ProcessBuilder("kill", "-USR2", Long.toString(d.pid())).start();
            }
            d.await("received SIGUSR2 indicating log reopen request");
            assertTrue(alive(pid));
            d.stopCleanly();
            d.await("stopped: steady \\(terminated by SIGTERM\\)");
        }
    }
}
