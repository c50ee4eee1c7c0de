package io.jsupervisor.service.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.jsupervisor.service.ctl.SupervisordFixture.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every supervisorctl command, with good and bad arguments, through Debian's real
 * supervisorctl and through jsupervisorctl against the same real supervisord, and checks that both
 * print the same on standard output and standard error and exit with the same status (uptimes, the
 * program's name and Python's or Java's source locations masked).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtlParityIT {
    private static final String PROGRAMS = "[program:sleeper]\ncommand=sleep 100000\n\n"
            + "[program:exiter]\ncommand=/bin/sh -c 'echo bye; sleep 1'\nautorestart=false\nstartsecs=0\n\n"
            + "[program:fatal]\ncommand=/nonexistent/command\nstartretries=0\n\n"
            + "[program:manual]\ncommand=sleep 100000\nautostart=false\n\n"
            + "[program:pool]\ncommand=sleep 100000\nnumprocs=3\nprocess_name=%(program_name)s_%(process_num)02d\n\n"
            + "[program:uni]\ncommand=/bin/sh -c 'printf \"h\\303\\251llo w\\303\\266rld \\342\\234\\223\\n\"; "
            + "printf \"err \\303\\274\\n\" >&2; exec sleep 100000'\n\n"
            + "[program:echo]\ncommand=cat\n";
    private static final Map<String, String> SETTLED = Map.of("sleeper", "RUNNING", "exiter", "EXITED", "fatal",
            "FATAL", "manual", "STOPPED", "pool:pool_02", "RUNNING", "uni", "RUNNING", "echo", "RUNNING");
    /** What {@code help} prints of jsupervisorctl's own commands, which supervisorctl has not. */
    private static final Pattern OWN_COMMANDS = Pattern.compile(
            "\njsupervisor commands \\(type help <topic>\\):\n=+\n(?:[^\n]+\n)+\n");

    @TempDir
    static Path dir;
    private SupervisordFixture supervisord;

    @BeforeAll
    void startSupervisord() throws Exception {
        SupervisordFixture.requireSupervisor();
        supervisord = SupervisordFixture.start(dir, PROGRAMS);
        supervisord.awaitStates(SETTLED);
    }

    @AfterAll
    void stopSupervisord() throws Exception {
        if (supervisord != null) {
            supervisord.close();
        }
    }

    /** What brings supervisord to the state a comparison starts from, run before each client's turn. */
    @FunctionalInterface
    private interface Setup {
        void run() throws Exception;
    }

    /** A setup of supervisorctl command lines. */
    private Setup commands(List<String> lines) {
        return () -> {
            for (String line : lines) {
                supervisord.python("", line.split(" "));
            }
        };
    }

    /**
     * Runs {@code args} after {@code -c <the configuration>} through both clients (after {@code setup},
     * through supervisorctl, before each) and compares.
     */
    private void same(String stdin, List<String> setup, String... args) throws Exception {
        same(stdin, commands(setup), args);
    }

    private void same(String stdin, Setup setup, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", supervisord.config.toString()));
        all.addAll(List.of(args));
        sameWithoutConfig(stdin, setup, all.toArray(new String[0]));
    }

    private void sameWithoutConfig(String stdin, List<String> setup, String... args) throws Exception {
        sameWithoutConfig(stdin, commands(setup), args);
    }

    private void sameWithoutConfig(String stdin, Setup setup, String... args) throws Exception {
        sameWithoutConfig(stdin, setup, UnaryOperator.identity(), args);
    }

    /** As above, comparing standard output after {@code lines} has put its lines in a comparable order. */
    private void sameWithoutConfig(String stdin, Setup setup, UnaryOperator<String> lines, String... args)
            throws Exception {
        setup.run();
        Run python = supervisord.pythonWithoutConfig(stdin, args).masked();
        setup.run();
        Run ours = supervisord.oursWithoutConfig(stdin, args).masked();
        String what = String.join(" ", args) + (stdin.isEmpty() ? "" : " <<< " + stdin.replace("\n", "\\n"));
        assertEquals(lines.apply(python.out()), lines.apply(withoutOwnCommands(ours.out())), "standard output of: " + what);
        assertEquals(python.err(), ours.err(), "standard error of: " + what);
        assertEquals(python.exit(), ours.exit(), "exit status of: " + what + "\n" + python.out());
    }

    /** {@code help} lists jsupervisorctl's own commands after supervisorctl's, as a plugin's; that part is ours alone. */
    private static String withoutOwnCommands(String out) {
        return OWN_COMMANDS.matcher(out).replaceAll("");
    }

    private static String[] words(String line) {
        return line.isEmpty() ? new String[] {""} : line.split(" ");
    }

    static Stream<String> readOnly() {
        return Stream.of("status", "status sleeper pool:* nosuch nope:* pool:nope a:b:c", "status all", "status uni",
                "help", "help status", "help tail", "help maintail", "help EOF", "help help", "help foo bar", "?",
                "foo", "!ls", "", "quit", "exit", "EOF", "status:x",
                "pid", "pid sleeper manual nosuch", "pid all",
                "avail", "avail x", "version", "version x", "reread x", "reload x", "shutdown x",
                "tail", "tail uni", "tail uni stderr", "tail -5 uni", "tail -1_5 uni stdout", "tail uni STDERR",
                "tail -x uni", "tail uni foo", "tail a b c d", "tail nosuch", "tail -5", "tail manual x stderr",
                "maintail x", "maintail -x", "maintail a b",
                "start", "stop", "restart", "signal", "signal HUP", "clear", "start sleeper", "start nope:*",
                "stop exiter", "signal BOGUS sleeper", "signal CONT nosuch nope:*",
                "fg", "fg a b", "fg nosuch", "fg manual", "fg pool:*",
                "open foo", "open ftp://x", "update nope", "update all", "add nope", "remove nope", "remove sleeper");
    }

    @Order(1)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("readOnly")
    void commandsThatChangeNothingAnswerAlike(String line) throws Exception {
        same("", List.of(), words(line));
    }

    static Stream<Arguments> changing() {
        return Stream.of(
                Arguments.of("start manual nosuch nope:* fatal", List.of("stop manual")),
                Arguments.of("start pool:*", List.of("stop pool:*")),
                Arguments.of("start all", List.of("stop manual")),
                Arguments.of("stop manual nosuch nope:* exiter", List.of("start manual")),
                Arguments.of("stop pool:* manual", List.of("start pool:*", "stop manual")),
                Arguments.of("restart sleeper manual", List.of("stop manual")),
                Arguments.of("restart pool:*", List.of()),
                Arguments.of("signal CONT sleeper pool:* exiter", List.of()),
                Arguments.of("signal cont all", List.of()),
                Arguments.of("clear uni nosuch", List.of()),
                Arguments.of("clear all", List.of()),
                Arguments.of("remove manual", List.of("add manual", "stop manual")),
                Arguments.of("add manual nosuch", List.of("stop manual", "remove manual")),
                Arguments.of("add sleeper", List.of()),
                Arguments.of("update", List.of()),
                Arguments.of("reread", List.of()));
    }

    @Order(2)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("changing")
    void commandsThatChangeStateAnswerAlike(String line, List<String> setup) throws Exception {
        List<String> all = new ArrayList<>(List.of("-c", supervisord.config.toString()));
        all.addAll(List.of(words(line)));
        // supervisord answers a waited start, stop or restart of several processes in the order they got
        // there, which differs from run to run, so those lines are compared as a set.
        UnaryOperator<String> order = line.matches("(start|stop|restart) .*")
                ? out -> out.lines().sorted().collect(Collectors.joining("\n", "", "\n"))
                : UnaryOperator.identity();
        // exiter lives a second, so that supervisord answers a waited start of it with "started" every time
        // (a program that exits at once races the answer), and each client's turn waits for it to exit.
        Setup settled = () -> {
            commands(setup).run();
            supervisord.awaitStates(Map.of("exiter", "EXITED"));
        };
        sameWithoutConfig("", settled, order, all.toArray(new String[0]));
        supervisord.python("", "add", "manual");
        supervisord.python("", "start", "pool:*", "sleeper");
    }

    static Stream<String> connections() {
        return Stream.of("-s http://127.0.0.1:PORT status", "-s http://127.0.0.1:PORT -u alice -p bad version",
                "-s http://127.0.0.1:PORT -u alice -p secret status", "-s http://127.0.0.1:PORT -u alice version",
                "-s http://localhost:PORT -u alice -p secret pid", "-s http://127.0.0.1:1 status",
                "-s http://127.0.0.1:1 start x", "-s http://127.0.0.1:1 avail", "-s http://127.0.0.1:1 shutdown",
                "-s http://127.0.0.1:1 reload", "-s http://127.0.0.1:1 tail -f x", "-s unix:///nonexistent.sock status",
                "-s unix:///nonexistent.sock shutdown", "-s unix:///nonexistent.sock version",
                "-s http://127.0.0.1:abc status", "-s http://127.0.0.1:99999 status", "-s bogus://x status",
                "-s localhost:9001 status", "-s foo status", "-s", "-c x status", "-i -i status", "-v", "-x",
                "--bogus", "--hist=/tmp/h version", "--history-file=x status", "--h", "--inter status",
                "-u a -u b status");
    }

    @Order(3)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("connections")
    void connectionsAndOptionsAnswerAlike(String line) throws Exception {
        same("", List.of(), line.replace("PORT", Integer.toString(supervisord.inetPort)).split(" "));
    }

    @Order(3)
    @Test
    void missingOrIncompleteConfigurationFilesFailAlike() throws Exception {
        Files.writeString(dir.resolve("noctl.conf"), "[supervisord]\n");
        Files.writeString(dir.resolve("badexp.conf"), "[supervisorctl]\nprompt=%(nope)s\n");
        Files.writeString(dir.resolve("minimal.conf"), "[program:broken]\ncommand=\nnumprocs=x\n[supervisorctl]\n"
                + "serverurl=unix://%(here)s/s.sock\n");
        for (String file : List.of("none.conf", "noctl.conf", "minimal.conf")) {
            sameWithoutConfig("", List.of(), "-c", dir.resolve(file).toString(), "status");
        }
        Run python = supervisord.pythonWithoutConfig("", "-c", dir.resolve("badexp.conf").toString(), "status");
        Run ours = supervisord.oursWithoutConfig("", "-c", dir.resolve("badexp.conf").toString(), "status");
        assertEquals(2, python.exit());
        assertEquals(python.exit(), ours.exit());
        assertTrue(ours.err().startsWith("Error: Format string '%(nope)s' for 'supervisorctl.prompt' contains names "
                + "('nope') which cannot be expanded. Available names: ENV_"), ours.err());
    }

    static Stream<String> shellSessions() {
        return Stream.of("status sleeper\nfoo\n\nversion\n", "help\nquit\n", "reload\nn\n", "shutdown\nno\nstatus uni\n",
                "", "?\n", "?status\n", "exit\nstatus\n", "open unix://DIR/s.sock\n", "open http://127.0.0.1:1\n",
                "tail -5 uni\nEOF\nversion\n");
    }

    @Order(4)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("shellSessions")
    void pipedShellSessionsAnswerAlike(String stdin) throws Exception {
        same(stdin.replace("DIR", dir.toString()), List.of());
    }

    @Order(4)
    @Test
    void interactiveOptionAsksBeforeReloadingButRunsNoShell() throws Exception {
        same("n\n", List.of(), "-i", "reload");
        same("", List.of(), "-i", "shutdown");
        same("no\nstatus\n", List.of(), "-i", "shutdown");
    }

    @Order(5)
    @Test
    void followingALogEndsAtCtrlCAlike() throws Exception {
        supervisord.python("", "restart", "uni"); // its output again, whatever clear did before
        for (List<String> args : List.of(List.of("tail", "-f", "uni"), List.of("tail", "-f", "uni", "stderr"),
                List.of("maintail", "-f"))) {
            String expected = args.get(0).equals("maintail") ? "INFO" : args.size() == 4 ? "err ü" : "héllo wörld ✓";
            Run python = interrupted(supervisord.pythonCommand(args.toArray(new String[0])), expected);
            Run ours = interrupted(supervisord.oursInItsOwnJvm(args.toArray(new String[0])), expected);
            assertTrue(python.out().startsWith("==> Press Ctrl-C to exit <==\n"), python.out());
            assertTrue(python.out().endsWith("\n\n"), "Ctrl-C prints an empty line: " + python.out());
            assertEquals(python, ours, String.join(" ", args));
        }
    }

    /** Runs a following command until its output contains {@code expected}, then sends it SIGINT. */
    private Run interrupted(List<String> command, String expected) throws Exception {
        Process p = supervisord.startProcess(command);
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = p.getInputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.currentTimeMillis() + SupervisordFixture.DEADLINE_MILLIS;
        while (!out.toString(StandardCharsets.UTF_8).contains(expected)) {
            int n = in.read(buffer);
            if (n < 0 || System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no '" + expected + "' from " + command + ": " + out.toString(StandardCharsets.UTF_8)
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            out.write(buffer, 0, n);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        out.write(in.readAllBytes());
        if (!p.waitFor(SupervisordFixture.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not stop at SIGINT");
        }
        return new Run(out.toString(StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), p.exitValue());
    }

    @Order(5)
    @Test
    void followingAnUnknownProcessReportsTheServersAnswerAlike() throws Exception {
        same("", List.of(), "tail", "-f", "nosuch");
        same("", List.of(), "tail", "-f", "nosuch", "stderr");
    }

    @Order(5)
    @Test
    void foregroundSendsLinesToTheProcessAndShowsItsOutputAlike() throws Exception {
        Run python = foreground(supervisord.pythonCommand("fg", "echo"));
        Run ours = foreground(supervisord.oursInItsOwnJvm("fg", "echo"));
        assertEquals("==> Press Ctrl-C to exit <==\nping ü\nExiting foreground\n", python.out());
        // supervisorctl ends its log threads by raising SystemExit in them, which its HTTP client then
        // reports as "CLOSED Cannot connect, error: <class 'SystemExit'> ()"; that noise is not copied
        String pythonErr = python.err().replace("CLOSED Cannot connect, error: <class 'SystemExit'> ()\n", "");
        assertEquals(new Run(python.out(), pythonErr, python.exit()), ours);
    }

    /** Clears echo's log, runs fg on it, types a line, waits for the echo, then ends standard input. */
    private Run foreground(List<String> command) throws Exception {
        supervisord.python("", "clear", "echo");
        Process p = supervisord.startProcess(command);
        InputStream in = p.getInputStream();
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[4096];
        long deadline = System.currentTimeMillis() + SupervisordFixture.DEADLINE_MILLIS;
        boolean sent = false;
        while (!out.toString().contains("ping ü\n")) {
            if (!sent && out.toString().contains("<==\n")) {
                p.getOutputStream().write("ping ü\n".getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
                sent = true;
            }
            int n = in.read(buffer);
            if (n < 0 || System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no echo from " + command + ": " + out);
            }
            out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (!p.waitFor(SupervisordFixture.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end with its input");
        }
        return new Run(out.toString(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
                p.exitValue());
    }

    @Order(6)
    @Test
    void rereadAndUpdateOfAChangedConfigurationAnswerAlike() throws Exception {
        Path config = supervisord.config;
        String original = Files.readString(config);
        String changed = original.replace("[program:manual]\ncommand=sleep 100000",
                "[program:manual]\ncommand=sleep 200000") + "\n[program:extra]\ncommand=sleep 100000\n";
        // each client starts from the original programs running and the changed file
        Setup fromOriginal = () -> {
            Files.writeString(config, original);
            supervisord.python("", "update");
            Files.writeString(config, changed);
        };
        try {
            same("", fromOriginal, "reread");
            same("", fromOriginal, "update", "extra", "nosuch");
            same("", fromOriginal, "update", "manual");
            same("", fromOriginal, "update");
            same("", fromOriginal, "avail");
        } finally {
            Files.writeString(config, original);
            supervisord.python("", "update");
        }
        same("", List.of(), "reread");
        same("", List.of(), "update");
    }

    @Order(7)
    @Test
    void reloadRestartsSupervisordAlike() throws Exception {
        // supervisord can reset every connection after a reload once it has served tail -f or fg: a
        // log follower left from before, collected later, closes its file's old descriptor number,
        // which the reloaded HTTP server now uses ("Exception ignored in: tail_f_producer.__del__").
        // A fresh supervisord has none.
        supervisord.close();
        supervisord = SupervisordFixture.start(dir, PROGRAMS);
        supervisord.awaitStates(SETTLED);
        Run python = supervisord.python("", "reload");
        supervisord.awaitStates(SETTLED);
        Run ours = supervisord.ours("", "reload");
        supervisord.awaitStates(SETTLED);
        assertEquals(new Run("Restarted supervisord\n", "", 0), python);
        assertEquals(python, ours);
    }

    @Order(8)
    @Test
    void shutdownStopsSupervisordAndLaterOnesSayItIsGone() throws Exception {
        Run ours = supervisord.ours("", "shutdown");
        assertEquals(new Run("Shut down\n", "", 0), ours);
        assertTrue(supervisord.awaitExit(), "supervisord exited after jsupervisorctl's shutdown");
        same("", List.of(), "shutdown");
        same("", List.of(), "status");
        same("", List.of(), "-s", "http://127.0.0.1:" + supervisord.inetPort, "shutdown");
        same("", List.of(), "reload");
    }
}
