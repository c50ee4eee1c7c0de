package io.jsupervisor.service.log;

import java.io.IOException;
import ch.qos.logback.classic.AsyncAppender;

/**
 * The main log as set up for one run: a queue in front of the file (so the thread that logs, the
 * control thread among them, never waits for the disk) and the appender that writes the file and
 * the foreground echo. Reopened on SIGUSR2, closed at the end of the run with every queued line
 * written.
 *
 * <p>Thread-safe.
 */
public final class MainLogOutput implements AutoCloseable {
    private final AsyncAppender queue;
    private final MainLogAppender writer;

    MainLogOutput(AsyncAppender queue, MainLogAppender writer) {
        this.queue = queue;
        this.writer = writer;
    }

    /** Closes and reopens the main log file (SIGUSR2). */
    public void reopen() throws IOException {
        writer.reopen();
    }

    /** Deletes the main log file and starts it again empty ({@code clearLog}). */
    public void clear() throws IOException {
        writer.clear();
    }

    /** Writes every queued line, then closes the file. */
    @Override
    public void close() {
        queue.stop();
        writer.stop();
    }
}
