package io.jsupervisor.service.ctl;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What jsupervisorctl's command line asked for: where the configuration is and the settings that
 * override it, whether to ask questions ({@code -i}) or only print the usage ({@code -h}), and the
 * command to run (empty for the shell).
 *
 * <p>Immutable value; {@link #toString()} never shows the password.
 */
record CtlArguments(Optional<Path> configFile, Optional<String> serverUrl, Optional<String> username,
                    Optional<String> password, Optional<Path> historyFile, boolean interactive, boolean help,
                    List<String> command) {

    CtlArguments {
        command = List.copyOf(command);
    }

    @Override
    public String toString() {
        return "CtlArguments[configFile=" + configFile + ", serverUrl=" + serverUrl + ", username=" + username
                + ", password=" + (password.isPresent() ? "(hidden)" : "") + ", historyFile=" + historyFile
                + ", interactive=" + interactive + ", help=" + help + ", command=" + command + "]";
    }
}
