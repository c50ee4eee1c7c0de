package io.jsupervisor.service.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: runs a real {@code jsupervisord -n} in its own JVM on a configuration written to a
 * directory, records the main-log lines it echoes to stdout, and waits for lines with a deadline.
 */
final class DaemonHarness implements AutoCloseable {
    static final long DEADLINE_MILLIS = 30_000;

    private final Path dir;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private DaemonHarness(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.reader = new Thread(this::readOutput, "daemon-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes {@code programs} after a [supervisord] section that keeps every file in {@code dir}. */
    static DaemonHarness start(Path dir, String supervisordOptions, String programs) throws IOException {
        return start(dir, supervisordOptions, programs, List.of());
    }

    /** Like {@link #start(Path, String, String)}, the JVM started through {@code prefix} (e.g. unshare). */
    static DaemonHarness start(Path dir, String supervisordOptions, String programs, List<String> prefix)
            throws IOException {
        return start(dir, supervisordOptions, programs, prefix, List.of());
    }

    /** Like {@link #start(Path, String, String, List)}, with extra JVM options. */
    static DaemonHarness start(Path dir, String supervisordOptions, String programs, List<String> prefix,
                               List<String> jvmOptions) throws IOException {
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, "[supervisord]\nnodaemon=true\nlogfile=%(here)s/supervisord.log\n"
                + "pidfile=%(here)s/supervisord.pid\nchildlogdir=%(here)s\n" + supervisordOptions + "\n" + programs);
        return launch(config, prefix, jvmOptions);
    }

    /** Runs the daemon on an existing configuration file, in the file's directory. */
    static DaemonHarness startOn(Path config) throws IOException {
        return launch(config, List.of(), List.of());
    }

    private static DaemonHarness launch(Path config, List<String> prefix, List<String> jvmOptions) throws IOException {
        Path dir = config.getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-c", config.toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        return new DaemonHarness(dir, process);
    }

    Path dir() {
        return dir;
    }

    long pid() {
        return process.pid();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the daemon closed its output
        }
    }

    /** Every output line so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for the {@code nth} (1-based) line whose message (after date, time and level) matches; returns the match. */
    Matcher await(String regex, int nth) throws InterruptedException {
        Pattern pattern = Pattern.compile("^\\S+ \\S+ [A-Z]{4} " + regex + "$");
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        synchronized (lines) {
            while (true) {
                int seen = 0;
                for (String line : lines) {
                    Matcher m = pattern.matcher(line);
                    if (m.matches() && ++seen == nth) {
                        return m;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no line matching '" + regex + "' (occurrence " + nth + ") within "
                            + DEADLINE_MILLIS + " ms; output:\n" + String.join("\n", lines));
                }
                lines.wait(left);
            }
        }
    }

    Matcher await(String regex) throws InterruptedException {
        return await(regex, 1);
    }

    /** How many lines match so far. */
    long count(String regex) {
        Pattern pattern = Pattern.compile("^\\S+ \\S+ [A-Z]{4} " + regex + "$");
        return lines().stream().filter(l -> pattern.matcher(l).matches()).count();
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** Sends SIGTERM and checks that the daemon stops everything and exits 0. */
    void stopCleanly() throws IOException, InterruptedException {
        signal("TERM");
        assertEquals(0, awaitExit());
    }

    /** Waits for the daemon to exit; returns its status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("daemon did not exit; output:\n" + String.join("\n", lines()));
        }
        reader.join(DEADLINE_MILLIS);
        return process.exitValue();
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
