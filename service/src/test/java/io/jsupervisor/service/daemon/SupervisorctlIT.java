package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock Python {@code supervisorctl} against jsupervisord and, side by side, against supervisord
 * 4.2 itself on the same configuration: every command must print the same text and exit with the
 * same code (pids, uptimes, times and versions masked).
 */
class SupervisorctlIT {
    private static final String PRESS_CTRL_C = "==> Press Ctrl-C to exit <==";
    private static final String SUPERVISORD = "/usr/bin/supervisord";
    private static final String SUPERVISORCTL = "/usr/bin/supervisorctl";

    private static final String SECTIONS = """
            [unix_http_server]
            file=%(here)s/supervisor.sock
            [supervisorctl]
            serverurl=unix://%(here)s/supervisor.sock
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            [program:sleeper]
            command=/bin/sleep 1000
            startsecs=0
            [program:quick]
            command=/bin/sh -c "echo hello; echo oops >&2"
            startsecs=0
            autorestart=false
            [program:fatal]
            command=/bin/sh -c "exit 3"
            startretries=0
            [program:manual]
            command=/bin/cat
            autostart=false
            startsecs=0
            [program:missing]
            command=/nonexistent/program
            autostart=false
            [program:w]
            command=/bin/sleep 1000
            process_name=%(program_name)s_%(process_num)02d
            numprocs=2
            startsecs=0
            [group:web]
            programs=w
            """;

    /** How both daemons look once everything has settled. */
    private static final String SETTLED = """
            fatal                            FATAL     Exited too quickly (process log may have details)
            manual                           STOPPED   Not started
            missing                          STOPPED   Not started
            quick                            EXITED    TIME
            sleeper                          RUNNING   pid N, uptime U
            web:w_00                         RUNNING   pid N, uptime U
            web:w_01                         RUNNING   pid N, uptime U
            """;

    @TempDir
    Path ours;
    @TempDir
    Path theirs;

    @BeforeAll
    static void tools() {
        RequiredTools.require(Files.isExecutable(Path.of(SUPERVISORD)) && Files.isExecutable(Path.of(SUPERVISORCTL)),
                "supervisord and supervisorctl", "apt-get install supervisor");
    }

    record Result(String output, int exit) {
    }

    @Test
    void everyCommandAnswersAsAgainstSupervisord() throws Exception {
        try (DaemonHarness jsupervisord = DaemonHarness.start(ours, "", SECTIONS)) {
            Process supervisord = startSupervisordLikeOurs();
            try {
                List<String> commands = List.of("status", "status sleeper", "status web:*", "status nosuch",
                        "status nosuch:*", "status web:nosuch", "start sleeper", "start nosuch", "start web:nosuch",
                        "start missing", "start manual", "status manual", "pid nosuch", "signal HUP manual",
                        "signal BOGUS manual", "signal HUP quick", "stop manual", "stop manual", "stop web:*",
                        "start web:*", "restart sleeper", "stop nosuch", "tail quick", "tail quick stderr",
                        "tail -3 quick", "tail nosuch", "tail quick bogus", "clear quick", "clear sleeper", "clear nosuch",
                        "avail", "reread", "update", "add sleeper", "remove sleeper", "remove nosuch",
                        "help", "help status", "bogus", "start", "stop", "signal", "signal HUP");
                List<String> differences = new ArrayList<>();
                for (String command : commands) {
                    Result expected = comparable(command, ctl(theirs, command));
                    Result actual = comparable(command, ctl(ours, command));
                    if (!expected.equals(actual)) {
                        differences.add("$ supervisorctl " + command + "\n--- supervisord (exit " + expected.exit()
                                + "):\n" + expected.output() + "--- jsupervisord (exit " + actual.exit() + "):\n"
                                + actual.output());
                    }
                }
                // supervisord leaves the logs of a process that has exited as they were; jsupervisord clears them.
                assertEquals(new Result("\n", 0), ctl(ours, "tail quick"));

                String sleeperPid = ctl(ours, "pid sleeper", false).output();
                for (Path dir : List.of(ours, theirs)) {
                    Path config = dir.resolve("supervisord.conf");
                    Files.writeString(config, Files.readString(config)
                            .replace("[program:fatal]", "[program:added]\ncommand=/bin/sleep 1000\n[program:gone]")
                            .replace("command=/bin/cat", "command=/bin/cat -u"));
                }
                for (String command : List.of("reread", "avail", "update", "SETTLE", "status", "update", "add gone",
                        "remove gone", "add added", "reload", "SETTLE", "status")) {
                    if (command.equals("SETTLE")) {
                        for (Path dir : List.of(ours, theirs)) {
                            until("the updated programs in " + dir + " to settle",
                                    () -> ctl(dir, "status gone").output().contains("FATAL")
                                            && ctl(dir, "status added").output().contains("RUNNING"));
                        }
                        continue;
                    }
                    if (command.equals("reload")) {
                        assertEquals(sleeperPid, ctl(ours, "pid sleeper", false).output(),
                                "update leaves unchanged groups running");
                    }
                    Result expected = ctl(theirs, command);
                    Result actual = ctl(ours, command);
                    if (!expected.equals(actual)) {
                        differences.add("$ supervisorctl " + command + " (after editing the configuration)\n"
                                + "--- supervisord (exit " + expected.exit() + "):\n" + expected.output()
                                + "--- jsupervisord (exit " + actual.exit() + "):\n" + actual.output());
                    }
                }
                assertEquals("", String.join("\n", differences));
                assertTrue(ctl(ours, "pid").output().trim().matches("N"), "pid answers the daemon's pid");
                assertEquals(new Result("Shut down\n", 0), ctl(ours, "shutdown"));
                assertEquals(0, jsupervisord.awaitExit());
            } finally {
                supervisord.destroy();
                supervisord.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void commandsOnAllAndStreamingCommandsAnswerAsAgainstSupervisord() throws Exception {
        try (DaemonHarness jsupervisord = DaemonHarness.start(ours, "", SECTIONS)) {
            Process supervisord = startSupervisordLikeOurs();
            try {
                List<String> differences = new ArrayList<>();
                for (String command : List.of("signal CONT all", "pid all", "clear all", "stop all", "status",
                        "start all", "restart all", "stop all", "start all")) {
                    Result expected = withoutQuick(comparable(command, ctl(theirs, command)));
                    Result actual = withoutQuick(comparable(command, ctl(ours, command)));
                    if (!expected.equals(actual)) {
                        differences.add("$ supervisorctl " + command + "\n--- supervisord (exit " + expected.exit()
                                + "):\n" + expected.output() + "--- jsupervisord (exit " + actual.exit() + "):\n"
                                + actual.output());
                    }
                }
                for (Path dir : List.of(ours, theirs)) {
                    differences.addAll(followAndForeground(dir));
                }
                assertEquals("", String.join("\n", differences));

                assertTrue(ctl(ours, "version").output().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"));
                Result maintail = ctl(ours, "maintail");
                assertEquals(0, maintail.exit());
                assertTrue(maintail.output().contains(" INFO spawned: '"), maintail.output());
                assertEquals(new Result("Shut down\n", 0), ctl(ours, "shutdown"));
                assertEquals(0, jsupervisord.awaitExit());
            } finally {
                supervisord.destroy();
                supervisord.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The answer of {@code command} in a form both daemons give alike: supervisord lists a waited
     * start, stop or restart of several processes in the order they got there, which varies, so
     * those lines are sorted.
     */
    private static Result comparable(String command, Result result) {
        if (!command.matches("(start|stop|restart) .*(\\*|all).*")) {
            return result;
        }
        String lines = result.output().lines().sorted().map(line -> line + "\n").collect(Collectors.joining());
        // supervisorctl's exit status is set by the last failure in the order the answer lists results
        // (7 for a dead program's fault, 1 for any other), and supervisord lists them in completion
        // order: with failures of both kinds, either status is the same behaviour.
        boolean deadProgram = lines.contains("ERROR (spawn error)") || lines.contains("ERROR (abnormal termination)")
                || lines.contains("ERROR (not running)");
        boolean otherFailure = lines.lines().anyMatch(line -> line.contains(": ERROR (") && !line.contains("spawn error")
                && !line.contains("abnormal termination") && !line.contains("not running"));
        boolean orderDecides = deadProgram && otherFailure && (result.exit() == 1 || result.exit() == 7);
        return new Result(lines, orderDecides ? EXIT_1_OR_7 : result.exit());
    }

    /** The exit status of an answer listing failures of both kinds: 1 or 7, as their order has it. */
    private static final int EXIT_1_OR_7 = -17;

    /** Without quick's line: it exits at once, so whether supervisord sees it RUNNING first is a race. */
    private static Result withoutQuick(Result result) {
        String lines = result.output().lines().filter(line -> !line.startsWith("quick: "))
                .map(line -> line + "\n").collect(Collectors.joining());
        return new Result(lines, result.exit());
    }

    /**
     * Follows {@code manual}'s output with {@code tail -f} while {@code fg} sends it a line (cat echoes
     * it); returns what differs from the expected answers.
     */
    private static List<String> followAndForeground(Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Streaming tail = Streaming.start(dir, "tail", "-f", "manual")) {
            tail.await(PRESS_CTRL_C);
            try (Streaming fg = Streaming.start(dir, "fg", "manual")) {
                fg.write("hello from fg\n");
                fg.await(PRESS_CTRL_C);
                tail.await("hello from fg");
                // The input ends only once fg's own log thread has echoed the line: supervisorctl's fg,
                // told of the end before that thread has opened its log streams, fails closing them
                // ("error: <class 'AttributeError'> ...", exit 1), whichever daemon it talks to.
                fg.await("hello from fg");
                fg.endInput();
                int exit = fg.exitOrInterrupt();
                if (exit != 0 && exit != 130) {
                    problems.add("fg manual in " + dir + " exited " + exit + "; it printed:\n" + fg.output);
                }
            }
            int exit = tail.interrupt();
            if (exit != 0 && exit != 130) {
                problems.add("tail -f in " + dir + " exited " + exit + " on SIGINT");
            }
        }
        return problems;
    }

    /** A supervisorctl command that runs until interrupted, its output read as it comes. */
    private static final class Streaming implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        private Streaming(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (var in = process.getInputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ended) {
                    // the process closed its output
                }
            });
            reader.start();
        }

        static Streaming start(Path dir, String... args) throws IOException {
            return new Streaming(command(dir, args).start());
        }

        void await(String text) throws InterruptedException {
            until("supervisorctl to print '" + text + "'; it printed:\n" + output, () -> output.indexOf(text) >= 0);
        }

        /** Writes {@code text} to the command's input. */
        void write(String text) throws IOException {
            var in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Closes the command's input, as Ctrl-D would. */
        void endInput() throws IOException {
            process.getOutputStream().close();
        }

        /**
         * Waits for the command to exit by itself, else sends SIGINT; returns the exit status.
         * supervisorctl's {@code fg} ends at the end of its input, but then joins its log thread,
         * which against supervisord can stay blocked on the log stream until more output comes.
         */
        int exitOrInterrupt() throws Exception {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : interrupt();
        }

        /** Sends SIGINT, as Ctrl-C would; returns the exit status. */
        int interrupt() throws Exception {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("supervisorctl did not exit on SIGINT; it printed:\n" + output);
            }
            reader.join(60_000);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static ProcessBuilder command(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of(SUPERVISORCTL, "-c", dir.resolve("supervisord.conf").toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    }

    /**
     * Starts supervisord on a copy of jsupervisord's configuration, and waits until both have settled.
     */
    private Process startSupervisordLikeOurs() throws IOException, InterruptedException {
        Files.copy(ours.resolve("supervisord.conf"), theirs.resolve("supervisord.conf"));
        Process supervisord = new ProcessBuilder(SUPERVISORD, "-n", "-c", theirs.resolve("supervisord.conf").toString())
                .directory(theirs.toFile()).redirectErrorStream(true)
                .redirectOutput(theirs.resolve("stdout").toFile()).start();
        try {
            settle(ours);
            settle(theirs);
        } catch (AssertionError | InterruptedException e) {
            supervisord.destroy();
            supervisord.waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
        return supervisord;
    }

    /** Waits until {@code status} shows the settled states. */
    private void settle(Path dir) throws InterruptedException {
        until("the programs in " + dir + " to settle", () -> ctl(dir, "status").output().equals(SETTLED));
    }

    private static Result ctl(Path dir, String command) {
        return ctl(dir, command, true);
    }

    private static Result ctl(Path dir, String command, boolean masked) {
        try {
            Process p = command(dir, command.split(" ")).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("supervisorctl " + command + " did not finish");
            }
            return new Result(masked ? mask(out, dir) : out, p.exitValue());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Hides what differs from run to run: pids, uptimes, stop times, the directory, versions. */
    private static String mask(String text, Path dir) {
        return text.replace(dir.toString(), "DIR")
                .replaceAll("pid \\d+", "pid N")
                .replaceAll("(?m)^\\d+$", "N")
                .replaceAll("uptime \\d+:\\d\\d:\\d\\d", "uptime U")
                .replaceAll("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "TIME");
    }
}
