package io.jsupervisor.config.syntax;

/** A value whose syntax could not be parsed; the message says what was expected. */
public final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
        super(message);
    }
}
