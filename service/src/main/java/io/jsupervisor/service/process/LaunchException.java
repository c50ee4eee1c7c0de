package io.jsupervisor.service.process;

/**
 * A process that could not be started; the message is what supervisord calls the spawn error,
 * e.g. {@code can't find command 'gunicorn'}.
 */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }
}
