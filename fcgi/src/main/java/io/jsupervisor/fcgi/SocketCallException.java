package io.jsupervisor.fcgi;

import java.io.IOException;

/**
 * A socket system call that failed. The message is what Python's {@code socket.error} prints,
 * {@code [Errno 98] Address already in use}, because supervisord's log lines and spawn errors
 * show it that way.
 */
public final class SocketCallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public SocketCallException(int errno, String text) {
        super("[Errno " + errno + "] " + text);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
