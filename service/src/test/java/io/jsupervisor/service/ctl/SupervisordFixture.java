package io.jsupervisor.service.ctl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.testing.Ports;
import io.jsupervisor.config.testing.RequiredTools;

/**
 * Test fixture: Debian's real supervisord 4.2 running in the foreground on a configuration in a
 * directory (a unix socket, and an inet port with a username and password), with programs in every
 * state supervisorctl shows; and ways to run the same command line through the real supervisorctl
 * and through jsupervisorctl (in this JVM, or in its own JVM) with what each printed.
 */
final class SupervisordFixture implements AutoCloseable {
    static final String SUPERVISORD = "/usr/bin/supervisord";
    static final String SUPERVISORCTL = "/usr/bin/supervisorctl";
    static final long DEADLINE_MILLIS = 60_000;

    /** What one run of a client printed and how it exited. */
    record Run(String out, String err, int exit) {
        /** The run with what legitimately differs between runs and clients masked. */
        Run masked() {
            return new Run(mask(out), mask(err), exit);
        }

        private static String mask(String text) {
            return text.replaceAll("uptime (\\d+ days?, )?\\d+:\\d\\d:\\d\\d", "uptime U")
                    .replaceAll("file: \\S+ line: \\S+", "file: F line: N")
                    .replaceAll("For help, use \\S+ -h", "For help, use PROGRAM -h");
        }
    }

    final Path dir;
    final Path config;
    final int inetPort;
    private final Process supervisord;

    private SupervisordFixture(Path dir, Path config, int inetPort, Process supervisord) {
        this.dir = dir;
        this.config = config;
        this.inetPort = inetPort;
        this.supervisord = supervisord;
    }

    /** Skips (or in CI fails) the test unless supervisord and supervisorctl are installed. */
    static void requireSupervisor() {
        RequiredTools.require(RequiredTools.runs(SUPERVISORD, "--version") && RequiredTools.runs(SUPERVISORCTL, "-h"),
                "supervisord and supervisorctl 4.2", "apt-get install supervisor");
    }

    /** Starts supervisord with {@code programs} after the server sections and waits until it answers. */
    static SupervisordFixture start(Path dir, String programs) throws IOException, InterruptedException {
        int port = Ports.freePort();
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, "[unix_http_server]\nfile=%(here)s/s.sock\n\n"
                + "[inet_http_server]\nport=127.0.0.1:" + port + "\nusername=alice\npassword=secret\n\n"
                + "[supervisord]\nlogfile=%(here)s/supervisord.log\npidfile=%(here)s/supervisord.pid\n"
                + "childlogdir=%(here)s\nnodaemon=true\n\n"
                + "[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[supervisorctl]\nserverurl=unix://%(here)s/s.sock\n\n" + programs);
        Process process = new ProcessBuilder(SUPERVISORD, "-n", "-c", config.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        SupervisordFixture fixture = new SupervisordFixture(dir, config, port, process);
        fixture.awaitStatus("supervisord to answer", run -> run.exit() != 4 && run.exit() != 7 && run.exit() != 1);
        return fixture;
    }

    /** Runs the real supervisorctl with this configuration and {@code args}. */
    Run python(String stdin, String... args) throws IOException, InterruptedException {
        return runProcess(pythonCommand(args), stdin);
    }

    /** Runs the real supervisorctl with {@code args} alone. */
    Run pythonWithoutConfig(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SUPERVISORCTL));
        command.addAll(List.of(args));
        return runProcess(command, stdin);
    }

    /** Runs jsupervisorctl in this JVM with this configuration and {@code args}; standard input is not a terminal. */
    Run ours(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("-c", config.toString()));
        command.addAll(List.of(args));
        return oursWithoutConfig(stdin, command.toArray(new String[0]));
    }

    /** Runs jsupervisorctl in this JVM with {@code args} alone. */
    Run oursWithoutConfig(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(new Output(out, err), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false, HostEnvironment.current(), dir).run(args);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }

    /** The command that runs jsupervisorctl in its own JVM, as the launcher does, with {@code args}. */
    List<String> oursInItsOwnJvm(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-c", config.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The command that runs the real supervisorctl with {@code args}. */
    List<String> pythonCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(SUPERVISORCTL, "-c", config.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts {@code command} with SIGINT at its default action (a test JVM started in the background may
     * have it ignored, and children would inherit that) and a UTF-8 locale, in the fixture's directory.
     */
    Process startProcess(List<String> command) throws IOException {
        List<String> withDefaultInterrupt = new ArrayList<>(List.of("env", "--default-signal=INT"));
        withDefaultInterrupt.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(withDefaultInterrupt).directory(dir.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder.start();
    }

    private Run runProcess(List<String> command, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process p = builder.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + DEADLINE_MILLIS + " ms");
        }
        Run run = new Run(Files.readString(out), Files.readString(err), p.exitValue());
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /** Polls {@code supervisorctl status} until {@code condition} holds of it. */
    Run awaitStatus(String what, Predicate<Run> condition) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (true) {
            Run run = python("", "status");
            if (condition.test(run)) {
                return run;
            }
            if (System.currentTimeMillis() > deadline || !supervisord.isAlive()) {
                throw new AssertionError("timed out waiting for " + what + "; last status:\n" + run + "\nsupervisord:\n"
                        + Files.readString(dir.resolve("supervisord.out")));
            }
            Thread.sleep(100); // poll interval, bounded by the deadline
        }
    }

    /** Waits until each process named has the state given, as {@code status} shows them. */
    void awaitStates(Map<String, String> states) throws IOException, InterruptedException {
        awaitStatus(states.toString(), run -> states.entrySet().stream().allMatch(e -> run.out().lines()
                .anyMatch(line -> line.matches("\\Q" + e.getKey() + "\\E +" + e.getValue() + " .*"))));
    }

    boolean alive() {
        return supervisord.isAlive();
    }

    /** Waits for supervisord to exit (after a shutdown); returns whether it did. */
    boolean awaitExit() throws InterruptedException {
        return supervisord.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops supervisord with SIGTERM, which stops its programs too, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (supervisord.isAlive()) {
            supervisord.destroy();
            if (!supervisord.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                supervisord.destroyForcibly();
                supervisord.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }
}
