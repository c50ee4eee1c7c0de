package io.jsupervisor.config.syntax;

import java.util.Optional;

/**
 * A {@code %}-format string that could not be expanded: either it names something the mapping does
 * not have ({@link #unknownName()} is present), or it is malformed.
 */
public final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String unknownName;

    private FormatException(String message, String unknownName) {
        super(message);
        this.unknownName = unknownName;
    }

    static FormatException unknownName(String name) {
        return new FormatException("unknown name '" + name + "'", name);
    }

    static FormatException malformed(String message) {
        return new FormatException(message, null);
    }

    /** The name that was not in the mapping, when that was the problem. */
    public Optional<String> unknownName() {
        return Optional.ofNullable(unknownName);
    }
}
