package io.jsupervisor.service.http;

import io.jsupervisor.config.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs an outside client (Python, supervisorctl, curl) with its output (stdout and
 * stderr together) collected on a thread of its own, so a test can wait for text or for the exit.
 */
final class ToolProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    private ToolProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "tool-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ToolProcess start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        return new ToolProcess(builder.start());
    }

    /** Runs {@code command} to its end; returns its output, failing unless it exits with {@code status}. */
    static String run(int status, String... command) throws IOException, InterruptedException {
        try (ToolProcess tool = start(List.of(command))) {
            int exit = tool.awaitExit();
            if (exit != status) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + tool.output());
            }
            return tool.output();
        }
    }

    private void read() {
        try (InputStream in = process.getInputStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (output) {
                    output.write(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process is gone: what it wrote is kept
        }
    }

    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    void awaitOutput(String text) throws InterruptedException {
        try {
            Poll.until("the output shows " + text, () -> output().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output so far:\n" + output(), e);
        }
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(Poll.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running; output so far:\n" + output());
        }
        reader.join(Poll.DEADLINE_MILLIS);
        return process.exitValue();
    }

    /** Kills the process with SIGKILL, giving it no chance to clean up, and waits for its end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Poll.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
