package io.jsupervisor.config.types;

/** A value that does not fit its option's type; the message names the value and what is expected. */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
