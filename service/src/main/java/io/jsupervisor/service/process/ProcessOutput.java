package io.jsupervisor.service.process;

import io.jsupervisor.service.io.OutputSink;

/**
 * Where a process's stdout and stderr go, for each run: the sinks of a run know its pid, for the
 * events they make. With {@code redirect_stderr} the child writes both to its stdout pipe and
 * stderr receives nothing.
 *
 * <p>Called on the control thread; the sinks are used on the I/O thread.
 */
public interface ProcessOutput {

    /** Where the stdout of the run with {@code pid} goes; pid 0 for what is written before a child exists. */
    OutputSink stdout(int pid);

    /** Where the stderr of the run with {@code pid} goes; pid 0 for what is written before a child exists. */
    OutputSink stderr(int pid);

    /** Output that is read and dropped. */
    ProcessOutput DISCARD = new ProcessOutput() {
        @Override
        public OutputSink stdout(int pid) {
            return OutputSink.DISCARD;
        }

        @Override
        public OutputSink stderr(int pid) {
            return OutputSink.DISCARD;
        }
    };
}
