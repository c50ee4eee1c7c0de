package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code [supervisorctl]} section: how the command-line client reaches the daemon.
 * {@link #toString()} never shows the password.
 *
 * <p>Immutable value.
 */
public record SupervisorctlConfig(String serverurl, Optional<String> username, Optional<String> password,
                                  String prompt, Optional<Path> historyFile) {

    @Override
    public String toString() {
        return "SupervisorctlConfig[serverurl=" + serverurl + ", username=" + username.orElse("")
                + ", password=" + (password.isPresent() ? "(hidden)" : "") + ", prompt=" + prompt
                + ", historyFile=" + historyFile.map(Path::toString).orElse("") + "]";
    }
}
