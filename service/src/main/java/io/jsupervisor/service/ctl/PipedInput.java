package io.jsupervisor.service.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lines from standard input when it is not a terminal (commands piped in), read as Python's
 * {@code input()} reads them then: the prompt is written to standard output without a newline, and
 * no history or completion is kept. A password question is written to standard error.
 *
 * <p>A reader thread takes lines from standard input as they come, so that Ctrl-C can end a wait for
 * one (a read from standard input cannot be interrupted). Used by one thread at a time.
 */
final class PipedInput implements LineInput {
    /** A line read, or the end of the input (no line, no error), or the error that ended it. */
    private record Next(String line, IOException error) {
    }

    private final BlockingQueue<Next> lines = new LinkedBlockingQueue<>();
    private final Output output;
    private final Interrupts interrupts;

    PipedInput(InputStream in, Output output, Interrupts interrupts) {
        this.output = output;
        this.interrupts = interrupts;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Thread thread = new Thread(() -> readAll(reader), "stdin");
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(BufferedReader reader) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(new Next(line, null));
            }
            lines.add(new Next(null, null));
        } catch (IOException e) {
            lines.add(new Next(null, e));
        }
    }

    @Override
    public String readLine(String prompt) throws IOException {
        output.text(prompt);
        return next();
    }

    @Override
    public String readSecret(String prompt) throws IOException {
        output.errorText(prompt);
        return next();
    }

    private String next() throws IOException {
        Thread reading = Thread.currentThread();
        interrupts.push(reading::interrupt);
        try {
            Next next = lines.take();
            if (next.line() == null) {
                lines.add(next); // the end stays the end for later reads
            }
            if (next.error() != null) {
                throw new IOException(next.error().getMessage(), next.error());
            }
            return next.line();
        } catch (InterruptedException e) {
            throw new InterruptedByUser();
        } finally {
            interrupts.pop();
            Thread.interrupted(); // a Ctrl-C that came just as a line did is spent
        }
    }

    @Override
    public void close() {
        // standard input stays open for the process; there is nothing to save
    }
}
