package io.jsupervisor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/jsupervisord} launcher of this checkout, as a user would, against the
 * runtime classpath the build assembled.
 */
class LauncherIT {
    static final Path HOME = Path.of(System.getProperty("jsupervisor.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    Result run(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/jsupervisord").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jsupervisord " + command + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void checksTheBundledExampleAndListsItsProcesses() throws Exception {
        Result r = run(HOME, "--check-config", "-c", "examples/supervisord.conf");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of(
                HOME.resolve("examples/supervisord.conf") + ": configuration is valid",
                "GROUP     PROCESS    COMMAND",
                "services  clock      /bin/sh -c 'while :; do date; sleep 5; done'",
                "services  worker_00  /bin/sh " + HOME + "/examples/scripts/worker.sh",
                "services  worker_01  /bin/sh " + HOME + "/examples/scripts/worker.sh",
                "flaky     flaky      /bin/sh -c 'echo \"flaky: failing on purpose\" >&2; exit 3'",
                "4 processes in 2 groups"), r.out().lines().toList());
    }

    @Test
    void runsTheBundledExampleUntilSigterm() throws Exception {
        Path out = dir.resolve("daemon.out");
        Process daemon = new ProcessBuilder(HOME.resolve("bin/jsupervisord").toString(), "-n", "-c",
                "examples/supervisord.conf").directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            awaitOutput(out, "INFO gave up: flaky entered FATAL state, too many start retries too quickly");
            awaitOutput(out, "INFO success: worker_01 entered RUNNING state");
            new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
            assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the daemon did not stop");
            assertEquals(0, daemon.exitValue());
            awaitOutput(out, "INFO stopped: worker_00 (exit status 0)");
        } finally {
            daemon.destroyForcibly();
        }
    }

    private static void awaitOutput(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.readString(file).contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no '" + text + "' in:\n" + Files.readString(file));
            }
            Thread.sleep(50); // poll interval, bounded by the deadline
        }
    }

    @Test
    void rejectsAMalformedConfigurationWithPlacedErrorsAndExitStatus2() throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "[supervisord]\n\n[program:web]\ncommand=/bin/true\n"
                + "stopsignal=TERMM\nstartsecs=soon\n");
        Result r = run(dir, "--check-config", "-c", "bad.conf");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(List.of(
                "Error: bad.conf:5 [program:web] stopsignal: unknown signal 'TERMM' (expected a signal name such as "
                        + "TERM, HUP, INT, QUIT, KILL, USR1 or USR2, with or without SIG, or a signal number)",
                "Error: bad.conf:6 [program:web] startsecs: 'soon' is not a whole number",
                "For help, use jsupervisord -h"), r.err().lines().toList());
    }

    @Test
    void findsSupervisordConfInTheWorkingDirectoryWithoutDashC() throws Exception {
        Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\n[program:only]\ncommand=/bin/true\n");
        Result r = run(dir, "--check-config");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(dir.toRealPath().resolve("supervisord.conf") + ": configuration is valid")
                || r.out().startsWith(dir.resolve("supervisord.conf") + ": configuration is valid"), r.out());
    }

    @Test
    void usageErrorsPrintSupervisordsTwoLinesAndExit2() throws Exception {
        Result r = run(dir, "--no-such-option");
        assertEquals(2, r.exit());
        assertEquals("Error: option --no-such-option not recognized\nFor help, use jsupervisord -h\n", r.err());
    }

    @Test
    void helpAndVersion() throws Exception {
        Result help = run(dir, "-?");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("jsupervisord -- run a set of applications"), help.out());
        assertTrue(help.out().contains("-l/--logfile FILENAME -- use FILENAME as"), help.out());
        Result version = run(dir, "--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().strip().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version.out());
    }
}
