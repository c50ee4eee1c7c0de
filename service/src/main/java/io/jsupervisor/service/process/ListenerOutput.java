package io.jsupervisor.service.process;

import java.nio.ByteBuffer;
import io.jsupervisor.service.io.ChannelLog;
import io.jsupervisor.service.io.OutputSink;

/**
 * The output of an event listener: stdout carries the listener protocol, so it is never captured
 * and makes no PROCESS_LOG events; it is echoed at debug level as supervisord echoes it, written to
 * the stdout log, and handed to the pool. stderr is a program's.
 *
 * <p>Immutable; see {@link ProcessOutput} for threads.
 */
record ListenerOutput(ChannelLog stdoutLog, ProgramOutput programOutput, ProtocolReader reader)
        implements ProcessOutput {

    /** Takes what a listener wrote to stdout; called on the I/O thread. */
    @FunctionalInterface
    interface ProtocolReader {
        void read(int pid, byte[] data);
    }

    @Override
    public OutputSink stdout(int pid) {
        return new OutputSink() {
            @Override
            public void write(ByteBuffer read) {
                byte[] data = new byte[read.remaining()];
                read.get(data);
                stdoutLog.echoAsBytes(ByteBuffer.wrap(data));
                stdoutLog.writeFile(stdoutLog.strip(ByteBuffer.wrap(data)));
                reader.read(pid, data);
            }

            @Override
            public void closed() {
                stdoutLog.closed();
            }
        };
    }

    @Override
    public OutputSink stderr(int pid) {
        return programOutput.stderr(pid);
    }
}
