package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where supervisorctl writes: lines and prompts to standard output, problems to standard error, as
 * UTF-8 and flushed at once (supervisorctl runs Python unbuffered), so that prompts, answers and
 * streamed logs appear in the order written. A stream that can no longer be written (a closed pipe)
 * is ignored, as {@link java.io.PrintStream} would.
 *
 * <p>Thread-safe: log streams print from their own threads.
 */
final class Output {
    private final OutputStream out;
    private final OutputStream err;

    Output(OutputStream out, OutputStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code text} and a newline, on standard output. */
    void line(String text) {
        text(text + "\n");
    }

    /** {@code text} as it is, on standard output. */
    synchronized void text(String text) {
        write(out, text);
    }

    /** {@code text} and a newline, on standard error. */
    void errorLine(String text) {
        errorText(text + "\n");
    }

    /** {@code text} as it is, on standard error. */
    synchronized void errorText(String text) {
        write(err, text);
    }

    private static void write(OutputStream stream, String text) {
        try {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException closed) {
            // nobody reads any more; supervisorctl's own writes would fail the same way
        }
    }
}
