package io.jsupervisor.service.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.testing.Poll;
import io.jsupervisor.config.testing.RequiredTools;

/**
 * Test fixture: Debian's nginx, run by the test in the foreground ({@code daemon off}) on a
 * configuration whose relative paths (pid file, logs, temporary directories) all lie under a prefix
 * directory, listening on a loopback port. Its own output goes to {@code nginx.out} in the prefix.
 */
final class Nginx implements AutoCloseable {
    static final String COMMAND = "/usr/sbin/nginx";

    private final Process process;
    private final Path prefix;

    private Nginx(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** Skips (or in CI fails) the test unless nginx is installed. */
    static void require() {
        RequiredTools.require(RequiredTools.runs(COMMAND, "-v"), "nginx", "apt-get install nginx-light");
    }

    /**
     * Starts nginx with {@code config} (relative to {@code prefix}) and waits until it accepts
     * connections on 127.0.0.1:{@code port}.
     *
     * @param globals main-context directives added on the command line, after {@code daemon off;}
     */
    static Nginx start(Path prefix, String config, int port, String globals) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("logs"));
        Process process = new ProcessBuilder(List.of(COMMAND, "-p", prefix + "/", "-c", config,
                "-g", "daemon off; " + globals)).directory(prefix.toFile()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, prefix);
        try {
            Poll.until("nginx listens on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited " + process.exitValue() + ":\n" + nginx.output());
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (AssertionError | RuntimeException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    /** What nginx printed and its error log, for failure messages. */
    String output() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(prefix.resolve("nginx.out"), prefix.resolve("logs/nginx-error.log"))) {
            try {
                if (Files.exists(file)) {
                    text.append("--- ").append(file.getFileName()).append(":\n").append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append("--- ").append(file.getFileName()).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    /** Stops nginx with SIGTERM (its fast shutdown: the workers exit, the pid file goes) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Poll.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("nginx did not stop on SIGTERM:\n" + output());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
