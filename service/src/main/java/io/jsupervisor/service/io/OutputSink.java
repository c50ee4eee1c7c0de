package io.jsupervisor.service.io;

import java.nio.ByteBuffer;

/**
 * Where one output channel of a child goes. Called only on the I/O thread.
 */
public interface OutputSink {

    /** Takes every remaining byte of {@code data}, as read from the child. */
    void write(ByteBuffer data);

    /** The channel reached its end: every writer of the pipe has closed it. */
    void closed();

    /** An output that keeps nothing ({@code NONE}). */
    OutputSink DISCARD = new OutputSink() {
        @Override
        public void write(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void closed() {
        }
    };
}
