package io.jsupervisor.service.http;

import io.jsupervisor.config.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: reads a chunked log tail on a thread of its own, keeping everything received, so a
 * test can append to a file and wait until the text shows up.
 */
final class TailReader implements AutoCloseable {
    private final RawHttp client;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile boolean ended;

    TailReader(RawHttp client) {
        this.client = client;
        this.thread = new Thread(this::read, "tail-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            byte[] chunk;
            while ((chunk = client.readChunk()) != null) {
                synchronized (received) {
                    received.writeBytes(chunk);
                }
            }
        } catch (IOException | AssertionError | RuntimeException e) {
            // the stream ended one way or another: ended says so
        } finally {
            ended = true;
        }
    }

    String text() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until everything received so far ends with {@code text}, and returns it all. */
    String awaitEndsWith(String text) throws InterruptedException {
        try {
            Poll.until("the tail ends with " + text, () -> text().endsWith(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; received: " + text(), e);
        }
        return text();
    }

    /** Waits until the server ends the stream. */
    void awaitEnd() throws InterruptedException {
        Poll.until("the tail ends", () -> ended);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
