package io.jsupervisor.service.process;

import io.jsupervisor.service.io.ChannelEvents;
import io.jsupervisor.service.io.ChannelLog;
import io.jsupervisor.service.io.OutputSink;
import io.jsupervisor.service.io.RunChannel;

/**
 * The output of a program (or of an event listener's stderr): each channel goes to its log, and
 * through capture mode and PROCESS_LOG events when the program asks for them.
 *
 * <p>Immutable; see {@link ProcessOutput} for threads.
 */
record ProgramOutput(ChannelLog stdoutLog, ChannelEvents stdoutEvents, ChannelLog stderrLog,
                     ChannelEvents stderrEvents, SupervisorLog log) implements ProcessOutput {

    @Override
    public OutputSink stdout(int pid) {
        return RunChannel.of(stdoutLog, stdoutEvents, pid, log);
    }

    @Override
    public OutputSink stderr(int pid) {
        return RunChannel.of(stderrLog, stderrEvents, pid, log);
    }
}
