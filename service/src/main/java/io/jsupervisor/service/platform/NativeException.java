package io.jsupervisor.service.platform;

/** A system call that failed, with its errno and the C library's text for it. */
public class NativeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public NativeException(String call, int errno, String text) {
        super(call + ": " + text);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
