package io.jsupervisor.service.process;

/**
 * A process that could not be started; the message is what supervisord calls the spawn error,
 * e.g. {@code can't find command 'gunicorn'}. Whether the command file was missing is kept apart,
 * because the XML-RPC API reports that (NO_FILE) differently from a command that cannot run
 * (NOT_EXECUTABLE).
 */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    public LaunchException(String message) {
        this(message, false);
    }

    private LaunchException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** The command file does not exist. */
    public static LaunchException notFound(String message) {
        return new LaunchException(message, true);
    }

    public boolean notFound() {
        return notFound;
    }
}
