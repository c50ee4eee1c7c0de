package io.jsupervisor.jmx;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jsupervisor.config.testing.Poll;
import io.jsupervisor.service.daemon.Main;
import io.jsupervisor.config.testing.TextFiles;

/**
 * Test helper: a real jsupervisord in its own JVM, with this module on its class path (so its JMX
 * surface is loaded), on a configuration written into a directory. Its main log stays there.
 */
final class TestDaemon implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private TestDaemon(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts the daemon on {@code sections} after a [supervisord] section that keeps its files in {@code dir}. */
    static TestDaemon start(Path dir, String sections) throws IOException {
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, "[supervisord]\nnodaemon=true\nlogfile=%(here)s/supervisord.log\n"
                + "pidfile=%(here)s/supervisord.pid\nchildlogdir=%(here)s\n\n" + sections);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-c", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        return new TestDaemon(process, dir);
    }

    /** A TCP port nobody listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the main log has a line containing {@code text}. */
    TestDaemon awaitLog(String text) throws InterruptedException {
        return awaitLog(text, 1);
    }

    /** Waits until the main log has {@code times} lines containing {@code text}. */
    TestDaemon awaitLog(String text, int times) throws InterruptedException {
        try {
            Poll.until("the log says " + text + " " + times + " times",
                    () -> log().lines().filter(l -> l.contains(text)).count() >= times);
        } catch (AssertionError e) {
            AssertionError failure = new AssertionError(e.getMessage() + "; log:\n" + log() + "\noutput:\n"
                    + output(), e);
            close(); // the caller has no handle to close yet
            throw failure;
        }
        return this;
    }

    String log() {
        return TextFiles.readIfPresent(dir.resolve("supervisord.log"));
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Sends the daemon a signal, by name ({@code HUP}). */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
