package io.jsupervisor.config.ini;

/**
 * A line the INI reader could not make sense of, with its location and a sentence saying why.
 *
 * <p>Immutable value.
 */
public record IniSyntaxError(SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
