package io.jsupervisor.service.process;

import io.jsupervisor.service.io.OutputSink;

/**
 * Where a process's stdout and stderr go. With {@code redirect_stderr} the child writes both to its
 * stdout pipe and {@code stderr} receives nothing.
 *
 * <p>Immutable value; the sinks are used on the I/O thread.
 */
public record ProcessOutput(OutputSink stdout, OutputSink stderr) {

    /** Output that is read and dropped. */
    public static final ProcessOutput DISCARD = new ProcessOutput(OutputSink.DISCARD, OutputSink.DISCARD);
}
