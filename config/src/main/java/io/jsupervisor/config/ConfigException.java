package io.jsupervisor.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every error found in it (not only the first) and the
 * warnings met on the way.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> errors;
    private final transient List<ConfigProblem> warnings;

    public ConfigException(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        super(errors.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public List<ConfigProblem> errors() {
        return errors;
    }

    public List<ConfigProblem> warnings() {
        return warnings;
    }
}
