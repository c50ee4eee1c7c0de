package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.Optional;

/**
 * The system errors supervisorctl tells apart when it cannot reach supervisord, with the number,
 * text and Python exception class it reports them by.
 *
 * <p>The JDK gives no errno, only the C library's text for it as the exception's message, so that
 * is what {@link #of} matches; where the JDK words one in its own way, that wording is matched too.
 */
enum OsError {
    ENOENT(2, "No such file or directory", "FileNotFoundError"),
    EACCES(13, "Permission denied", "PermissionError"),
    EPIPE(32, "Broken pipe", "BrokenPipeError"),
    ENETUNREACH(101, "Network is unreachable", "OSError"),
    ECONNRESET(104, "Connection reset by peer", "ConnectionResetError", "Connection reset"),
    ETIMEDOUT(110, "Connection timed out", "TimeoutError"),
    ECONNREFUSED(111, "Connection refused", "ConnectionRefusedError"),
    EHOSTUNREACH(113, "No route to host", "OSError");

    private final int number;
    private final String text;
    private final String pythonClass;
    /** What NIO socket channels say instead of the C library's text, if they say something else. */
    private final String jdkText;

    OsError(int number, String text, String pythonClass) {
        this(number, text, pythonClass, text);
    }

    OsError(int number, String text, String pythonClass, String jdkText) {
        this.number = number;
        this.text = text;
        this.pythonClass = pythonClass;
        this.jdkText = jdkText;
    }

    static Optional<OsError> of(IOException e) {
        String message = e.getMessage();
        for (OsError error : values()) {
            if (error.text.equals(message) || error.jdkText.equals(message)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** Python's class for it, e.g. {@code ConnectionRefusedError}. */
    String pythonClass() {
        return pythonClass;
    }

    /** Python's text for it, e.g. {@code [Errno 111] Connection refused}. */
    String pythonText() {
        return "[Errno " + number + "] " + text;
    }
}
