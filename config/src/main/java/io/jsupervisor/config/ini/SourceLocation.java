package io.jsupervisor.config.ini;

/**
 * Where a configuration value came from: a file and a 1-based line, or a named non-file origin
 * such as the command line (line 0).
 *
 * <p>Immutable value; safe to share between threads.
 */
public record SourceLocation(String file, int line) {

    /** The origin of values given as command-line options. */
    public static final SourceLocation COMMAND_LINE = new SourceLocation("command line", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
