package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.daemon.DaemonHarness.alive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jsupervisor.config.testing.TextFiles;

/** The foreground daemon with real children, driven by signals and observed through its main log. */
class DaemonIT {
    @TempDir
    Path dir;

    private static String read(Path file) {
        return TextFiles.readIfPresent(file);
    }

    @Test
    void runsProgramsAndStopsThemOnSigterm() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:a]\ncommand=/bin/sleep 1000\n"
                + "[program:b]\ncommand=/bin/sleep 1000\npriority=1\n")) {
            d.await("supervisord started with pid " + d.pid());
            assertEquals(d.pid() + "\n", read(dir.resolve("supervisord.pid")));
            d.await("success: a entered RUNNING state, process has stayed up for > than 1 seconds \\(startsecs\\)");
            d.await("success: b entered RUNNING state, process has stayed up for > than 1 seconds \\(startsecs\\)");
            d.signal("TERM");
            d.await("received SIGTERM indicating exit request");
            d.await("stopped: a \\(terminated by SIGTERM\\)");
            d.await("stopped: b \\(terminated by SIGTERM\\)");
            assertEquals(0, d.awaitExit());
            assertFalse(Files.exists(dir.resolve("supervisord.pid")));
            List<String> lines = d.lines();
            assertTrue(indexOf(lines, "spawned: 'b'") < indexOf(lines, "spawned: 'a'"), "priority 1 starts first");
            assertTrue(indexOf(lines, "stopped: a") < indexOf(lines, "stopped: b"), "priority 1 stops last");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line containing " + text);
    }

    @Test
    void aKilledProgramIsRestartedAtOnce() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:web]\ncommand=/bin/sleep 1000\n")) {
            long pid = Long.parseLong(d.await("spawned: 'web' with pid (\\d+)").group(1));
            d.await("success: web entered RUNNING state.*");
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
            d.await("exited: web \\(terminated by SIGKILL; not expected\\)");
            long again = Long.parseLong(d.await("spawned: 'web' with pid (\\d+)", 2).group(1));
            assertNotEquals(pid, again);
            d.stopCleanly();
        }
    }

    @Test
    void aProgramThatKeepsFailingBacksOffThenGivesUp() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:bad]\ncommand=/bin/false\nstartretries=2\n")) {
            d.await("gave up: bad entered FATAL state, too many start retries too quickly");
            assertEquals(3, d.count("spawned: 'bad' with pid \\d+"));
            assertEquals(3, d.count("exited: bad \\(exit status 1; not expected\\)"));
            d.stopCleanly();
        }
    }

    @Test
    void aMissingCommandIsASpawnError() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:nope]\ncommand=no-such-program --flag\n"
                + "startretries=0\n")) {
            d.await("spawnerr: can't find command 'no-such-program'");
            d.await("gave up: nope entered FATAL state, too many start retries too quickly");
            d.signal("INT");
            d.await("received SIGINT indicating exit request");
            assertEquals(0, d.awaitExit());
        }
    }

    @Test
    void aProgramIgnoringItsStopsignalIsKilledAfterStopwaitsecs() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:stubborn]\n"
                + "command=/bin/sh -c \"trap '' TERM; echo ready; while :; do sleep 0.2; done\"\nstopwaitsecs=1\n"
                + "stdout_logfile=%(here)s/stubborn.log\n")) {
            d.await("success: stubborn entered RUNNING state.*");
            until("the trap is set", () -> read(dir.resolve("stubborn.log")).contains("ready"));
            d.signal("TERM");
            d.await("waiting for stubborn to die");
            d.await("killing 'stubborn' \\(\\d+\\) with SIGKILL");
            d.await("stopped: stubborn \\(terminated by SIGKILL\\)");
            assertEquals(0, d.awaitExit());
        }
    }

    @Test
    void stopasgroupTakesGrandchildrenDownToo() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:parent]\n"
                + "command=/bin/sh -c 'sleep 1000 & echo $!; wait'\nstopasgroup=true\n"
                + "stdout_logfile=%(here)s/parent.log\n")) {
            d.await("success: parent entered RUNNING state.*");
            until("the grandchild's pid is logged", () -> read(dir.resolve("parent.log")).endsWith("\n"));
            long grandchild = Long.parseLong(read(dir.resolve("parent.log")).strip());
            assertTrue(alive(grandchild));
            d.signal("TERM");
            d.await("stopped: parent \\(terminated by SIGTERM\\)");
            until("the grandchild is gone", () -> !alive(grandchild));
            assertEquals(0, d.awaitExit());
        }
    }

    @Test
    void theChildGetsSupervisordsEnvironmentDirectoryAndUmask() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "environment=GLOBAL=\"from supervisord\"\n",
                "[program:env]\ncommand=/bin/sh -c 'pwd; umask; env | grep -E \"^(SUPERVISOR_|GLOBAL|OWN)\" | sort'\n"
                        + "directory=/usr/share\numask=027\nenvironment=OWN=\"own\"\nautorestart=false\nstartsecs=0\n"
                        + "stdout_logfile=%(here)s/env.log\n")) {
            d.await("exited: env \\(exit status 0; expected\\)");
            until("the output is written", () -> read(dir.resolve("env.log")).contains("SUPERVISOR_PROCESS_NAME"));
            assertEquals("/usr/share\n0027\nGLOBAL=from supervisord\nOWN=own\nSUPERVISOR_ENABLED=1\n"
                    + "SUPERVISOR_GROUP_NAME=env\nSUPERVISOR_PROCESS_NAME=env\n", read(dir.resolve("env.log")));
            d.stopCleanly();
        }
    }

    @Test
    void userRunsTheProgramAsThatUserWithTheSamePid() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "switching users needs root");
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:who]\ncommand=/bin/sh -c 'echo $$; id -u; id -g'\n"
                + "user=nobody\nautorestart=false\nstartsecs=0\nstdout_logfile=%(here)s/who.log\n")) {
            long pid = Long.parseLong(d.await("spawned: 'who' with pid (\\d+)").group(1));
            d.await("exited: who \\(exit status 0; expected\\)");
            until("the output is written", () -> read(dir.resolve("who.log")).split("\n").length == 3);
            String[] out = read(dir.resolve("who.log")).split("\n");
            assertEquals(Long.toString(pid), out[0]);
            assertEquals("65534", out[1]);
            d.stopCleanly();
        }
    }

    @Test
    void aMissingDirectoryFailsAsSupervisordWouldAndSaysSoInTheStderrLog() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:lost]\ncommand=/bin/true\n"
                + "directory=/no/such/dir\nstartretries=0\nstderr_logfile=%(here)s/lost.err\n")) {
            d.await("spawnerr: couldn't chdir to /no/such/dir: ENOENT");
            d.await("gave up: lost entered FATAL state.*");
            until("the stderr log says why", () -> read(dir.resolve("lost.err")).equals(
                    "supervisor: couldn't chdir to /no/such/dir: ENOENT\nsupervisor: child process was not spawned\n"));
            d.stopCleanly();
        }
    }

    @Test
    void childLogsRotateWithSupervisordsNames() throws Exception {
        // Each 3001-byte chunk is one atomic pipe write (under PIPE_BUF), written only once the previous one
        // is on disk, so every chunk is one read: 3001, then 6002 (rolled over), 3001, 6002 (rolled over), 3001.
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:chatty]\n"
                + "command=/bin/sh -c 'head -c 3000 /dev/zero | tr \"\\\\0\" x > chunk; echo >> chunk; n=0; "
                + "for i in 1 2 3 4 5; do cat chunk; n=$((n+3001)); "
                + "while [ $(cat chatty.log* | wc -c) -lt $n ]; do sleep 0.05; done; done'\n"
                + "directory=%(here)s\nstdout_logfile=%(here)s/chatty.log\nstdout_logfile_maxbytes=5KB\n"
                + "stdout_logfile_backups=2\nautorestart=false\nstartsecs=0\n")) {
            d.await("exited: chatty \\(exit status 0; expected\\)");
            assertEquals(3001, Files.size(dir.resolve("chatty.log")));
            assertEquals(6002, Files.size(dir.resolve("chatty.log.1")));
            assertEquals(6002, Files.size(dir.resolve("chatty.log.2")));
            assertFalse(Files.exists(dir.resolve("chatty.log.3")));
            d.stopCleanly();
        }
    }

    @Test
    void sigusr2ReopensLogFilesMovedAway() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:ticker]\n"
                + "command=/bin/sh -c 'while :; do echo tick; sleep 0.1; done'\nstdout_logfile=%(here)s/ticker.log\n")) {
            until("ticks are logged", () -> read(dir.resolve("ticker.log")).contains("tick"));
            Files.move(dir.resolve("ticker.log"), dir.resolve("ticker.log.old"));
            Files.move(dir.resolve("supervisord.log"), dir.resolve("supervisord.log.old"));
            d.signal("USR2");
            d.await("received SIGUSR2 indicating log reopen request");
            until("a new ticker.log is written", () -> read(dir.resolve("ticker.log")).contains("tick"));
            until("a new main log is written",
                    () -> read(dir.resolve("supervisord.log")).contains("INFO supervisord logreopen"));
            d.stopCleanly();
        }
    }

    @Test
    void sighupStopsEverythingRereadsTheConfigurationAndStartsAgain() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:first]\ncommand=/bin/sleep 1000\n")) {
            long pid = Long.parseLong(d.await("spawned: 'first' with pid (\\d+)").group(1));
            d.await("success: first entered RUNNING state.*");
            Files.writeString(dir.resolve("supervisord.conf"), Files.readString(dir.resolve("supervisord.conf"))
                    + "[program:second]\ncommand=/bin/sleep 1000\n");
            d.signal("HUP");
            d.await("received SIGHUP indicating restart request");
            d.await("stopped: first \\(terminated by SIGTERM\\)");
            long again = Long.parseLong(d.await("spawned: 'first' with pid (\\d+)", 2).group(1));
            d.await("spawned: 'second' with pid \\d+");
            assertNotEquals(pid, again);
            assertFalse(alive(pid));
            d.stopCleanly();
        }
    }

    @Test
    void debugLevelEchoesChildOutputIntoTheMainLog() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "loglevel=debug\n", "[program:talk]\n"
                + "command=/usr/bin/printf 'hello\\n\\210\\n'\nautorestart=false\nstartsecs=0\n")) {
            d.await("'talk' stdout output:");
            d.await("exited: talk \\(exit status 0; expected\\)");
            List<String> lines = d.lines();
            int at = indexOf(lines, "'talk' stdout output:");
            assertTrue(lines.get(at + 1).equals("hello") || lines.get(at + 1).startsWith("Undecodable: b'hello\\n\\x88"),
                    lines.get(at + 1));
            d.stopCleanly();
        }
    }

    @Test
    void aChildsLastOutputIsLoggedBeforeTheSigchldItCaused() throws Exception {
        // supervisord's suite (test_issue_638) expects this order; a program that exits at once and is
        // restarted at once gives the race many chances.
        try (DaemonHarness d = DaemonHarness.start(dir, "loglevel=debug\n", "[program:brief]\n"
                + "command=/usr/bin/printf 'bye\\n'\nautorestart=true\nstartsecs=0\n")) {
            d.await("received SIGCHLD indicating a child quit", 30);
            d.stopCleanly();
            int outputs = 0;
            int sigchlds = 0;
            for (String line : d.lines()) {
                if (line.endsWith("'brief' stdout output:")) {
                    outputs++;
                } else if (line.endsWith("received SIGCHLD indicating a child quit")) {
                    sigchlds++;
                    assertTrue(outputs >= sigchlds, "SIGCHLD line " + sigchlds + " came before the output of the "
                            + "child that caused it:\n" + String.join("\n", d.lines()));
                }
            }
        }
    }

    @Test
    void stripAnsiRemovesEscapeSequencesFromChildLogs() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "strip_ansi=true\n", "[program:colour]\n"
                + "command=/usr/bin/printf '\\033[31mred\\033[0m plain\\n'\nautorestart=false\nstartsecs=0\n"
                + "stdout_logfile=%(here)s/colour.log\n")) {
            d.await("exited: colour \\(exit status 0; expected\\)");
            until("the output is written", () -> read(dir.resolve("colour.log")).endsWith("\n"));
            assertEquals("red plain\n", read(dir.resolve("colour.log")));
            d.stopCleanly();
        }
    }

    @Test
    void minfdsRaisesTheOpenFileLimitForTheDaemonAndItsChildren() throws Exception {
        // The daemon starts with a soft limit of 500 and raises it within the hard limit, which needs no privilege.
        long wanted = Math.min(1500, openFilesHardLimit());
        try (DaemonHarness d = DaemonHarness.start(dir, "minfds=" + wanted + "\n", "[program:limits]\n"
                + "command=/bin/sh -c 'ulimit -n'\nautorestart=false\nstartsecs=0\n"
                + "stdout_logfile=%(here)s/limits.log\n", List.of("prlimit", "--nofile=500:", "--"),
                List.of("-XX:-MaxFDLimit"))) {
            d.await("Increased RLIMIT_NOFILE limit to " + wanted);
            d.await("exited: limits \\(exit status 0; expected\\)");
            until("the output is written", () -> read(dir.resolve("limits.log")).endsWith("\n"));
            assertEquals(wanted + "\n", read(dir.resolve("limits.log")));
            d.stopCleanly();
        }
    }

    @Test
    void minfdsBeyondWhatTheSystemAllowsStopsTheDaemonWithSupervisordsExplanation() throws Exception {
        // readAllLines: Files.readString returns only the first byte of a /proc/sys file.
        long impossible = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/fs/nr_open")).get(0).strip()) + 1;
        try (DaemonHarness d = DaemonHarness.start(dir, "minfds=" + impossible + "\n", "")) {
            assertEquals(2, d.awaitExit());
            String output = String.join("\n", d.lines());
            assertTrue(output.startsWith("Error: The minimum number of file descriptors required to run this process "
                    + "is " + impossible + " as per the \"minfds\" command-line argument or config file setting."),
                    output);
        }
    }

    private static long openFilesHardLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String hard = line.substring(25).trim().split("\\s+")[1];
                return hard.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(hard);
            }
        }
        throw new AssertionError("no open-files limit in /proc/self/limits");
    }

    @Test
    void asPid1ItReapsOrphansAndSaysSo() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "a PID namespace needs root");
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:parent]\n"
                + "command=/bin/sh -c '(sleep 0.5; exit 7) & exit 0'\nautorestart=false\nstartsecs=0\n",
                List.of("unshare", "--fork", "--pid", "--mount-proc", "--kill-child=TERM"))) {
            d.await("supervisord started with pid 1");
            d.await("exited: parent \\(exit status 0; expected\\)");
            d.await("reaped unknown pid \\d+ \\(exit status 7\\)");
            // unshare ignores SIGTERM while it waits, so signal the daemon itself, its only child.
            String child = Files.readString(Path.of("/proc", Long.toString(d.pid()), "task", Long.toString(d.pid()),
                    "children")).strip();
            new ProcessBuilder("kill", "-TERM", child).start().waitFor();
            d.await("received SIGTERM indicating exit request");
            assertEquals(0, d.awaitExit());
        }
    }

    @Test
    void asASubreaperItAdoptsAProgramThatDaemonizesAndStopsItAtShutdown() throws Exception {
        try (DaemonHarness d = DaemonHarness.start(dir, "subreaper=true\n", "[program:forker]\n"
                + "command=/bin/sh -c 'setsid /bin/sh -c \"echo \\$\\$ > escaped.pid; exec /bin/sleep 1000\" & "
                + "sleep 0.2; exit 0'\ndirectory=%(here)s\nautorestart=false\nstartsecs=0\n")) {
            d.await("exited: forker \\(exit status 0; expected\\)");
            until("the escaped pid is written", () -> read(dir.resolve("escaped.pid")).endsWith("\n"));
            long escaped = Long.parseLong(read(dir.resolve("escaped.pid")).strip());
            until("the daemon adopts it", () -> parentOf(escaped) == d.pid());
            d.signal("TERM");
            d.await("stopping adopted pid " + escaped + " with SIGTERM");
            assertEquals(0, d.awaitExit());
            until("the escaped process is gone", () -> !alive(escaped));
        }
    }

    private static long parentOf(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? -1 : Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    @Test
    void userSwitchesTheWholeDaemonAsSupervisordDoes() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "switching users needs root");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (DaemonHarness d = DaemonHarness.start(dir, "user=nobody\n", "[program:who]\n"
                + "command=/bin/sh -c 'id -u'\nautorestart=false\nstartsecs=0\nstdout_logfile=%(here)s/who.log\n")) {
            d.await("Set uid to user 65534 succeeded");
            d.await("exited: who \\(exit status 0; expected\\)");
            until("the output is written", () -> read(dir.resolve("who.log")).endsWith("\n"));
            assertEquals("65534\n", read(dir.resolve("who.log")));
            assertTrue(read(Path.of("/proc", Long.toString(d.pid()), "status")).contains("\nUid:\t65534\t65534\t65534"));
            assertEquals(0, d.count("CRIT Supervisor is running as root.*"));
            d.stopCleanly();
        }
    }
}
