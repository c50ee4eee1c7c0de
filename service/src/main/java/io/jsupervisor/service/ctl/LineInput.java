package io.jsupervisor.service.ctl;

import java.io.IOException;

/**
 * Where the shell, {@code fg} and the confirmation and password questions read lines from: a
 * terminal with line editing, or plain standard input.
 *
 * <p>Used by one thread at a time.
 */
interface LineInput extends AutoCloseable {
    /**
     * Shows {@code prompt} and reads one line, without its end.
     *
     * @return null at the end of the input
     * @throws InterruptedByUser when Ctrl-C is typed
     */
    String readLine(String prompt) throws IOException;

    /** Like {@link #readLine}, without showing what is typed where it can avoid it. */
    String readSecret(String prompt) throws IOException;

    /** Saves the history, if there is one, and gives the terminal back. */
    @Override
    void close();
}
