package io.jsupervisor.config.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon's command line asked for: a configuration file (or none, to search the default
 * places), {@code [supervisord]} options that override the file's (by option name, as text), and the
 * actions that do not run the daemon (help, version, configuration check).
 *
 * <p>Immutable value.
 */
public record DaemonArguments(Optional<Path> configFile, Map<String, String> overrides, Action action) {

    /** What to do. */
    public enum Action {
        /** Run the daemon. */
        RUN,
        /** Print usage and exit 0. */
        HELP,
        /** Print the version and exit 0. */
        VERSION,
        /** Load and validate the configuration, print the programs, exit 0 if valid. */
        CHECK_CONFIG
    }

    public DaemonArguments {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }
}
