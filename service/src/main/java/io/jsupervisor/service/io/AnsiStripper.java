package io.jsupervisor.service.io;

import java.nio.ByteBuffer;

/**
 * Removes ANSI escape sequences ({@code ESC [} up to one of supervisord's terminator letters) from a
 * child's output, for {@code strip_ansi=true}. Unlike supervisord, which strips each read on its
 * own, it remembers a sequence cut in two by a read boundary, so no fragment is left in the log.
 *
 * <p>Used by one thread (the I/O thread); not thread-safe.
 */
final class AnsiStripper {
    private static final byte ESC = 0x1b;
    private static final String TERMINATORS = "HfABCDRsuJKhlpm";

    private enum State { TEXT, ESCAPE, SEQUENCE }

    private State state = State.TEXT;

    /** Returns {@code data} without escape sequences, as a new buffer ready to read. */
    ByteBuffer strip(ByteBuffer data) {
        ByteBuffer out = ByteBuffer.allocate(data.remaining() + 1);
        while (data.hasRemaining()) {
            byte b = data.get();
            switch (state) {
                case TEXT -> {
                    if (b == ESC) {
                        state = State.ESCAPE;
                    } else {
                        out.put(b);
                    }
                }
                case ESCAPE -> {
                    if (b == '[') {
                        state = State.SEQUENCE;
                    } else {
                        out.put(ESC);
                        state = b == ESC ? State.ESCAPE : State.TEXT;
                        if (b != ESC) {
                            out.put(b);
                        }
                    }
                }
                case SEQUENCE -> {
                    if (TERMINATORS.indexOf(b) >= 0) {
                        state = State.TEXT;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return out.flip();
    }
}
