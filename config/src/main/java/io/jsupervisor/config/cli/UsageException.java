package io.jsupervisor.config.cli;

/** A command line that cannot be used; the message is shown after {@code Error: }. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
