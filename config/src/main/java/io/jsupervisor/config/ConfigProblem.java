package io.jsupervisor.config;

import io.jsupervisor.config.ini.SourceLocation;

/**
 * One error or warning about a configuration, placed as precisely as is known: file and line,
 * section, option. Its {@link #toString()} is the line shown to the operator, e.g.
 * {@code supervisord.conf:42 [program:web] stopsignal: unknown signal 'TERMM' (expected ...)}.
 *
 * <p>Immutable value.
 */
public record ConfigProblem(Severity severity, SourceLocation location, String section, String option,
                            String message) {

    /** Whether the problem stops the configuration from being used. */
    public enum Severity { ERROR, WARNING }

    public static ConfigProblem error(SourceLocation location, String section, String option, String message) {
        return new ConfigProblem(Severity.ERROR, location, section, option, message);
    }

    public static ConfigProblem warning(SourceLocation location, String section, String option, String message) {
        return new ConfigProblem(Severity.WARNING, location, section, option, message);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (location != null) {
            b.append(location);
        }
        if (section != null) {
            b.append(b.length() > 0 ? " " : "").append('[').append(section).append(']');
        }
        if (option != null) {
            b.append(b.length() > 0 ? " " : "").append(option);
        }
        return b.append(b.length() > 0 ? ": " : "").append(message).toString();
    }
}
