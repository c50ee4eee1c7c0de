package io.jsupervisor.config;

import java.util.ArrayList;
import java.util.List;
import io.jsupervisor.config.ini.SourceLocation;

/**
 * The errors and warnings found while loading one configuration, in the order found.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class Problems {
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    void error(SourceLocation location, String section, String option, String message) {
        errors.add(ConfigProblem.error(location, section, option, message));
    }

    void warning(SourceLocation location, String section, String option, String message) {
        warnings.add(ConfigProblem.warning(location, section, option, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return errors;
    }

    List<ConfigProblem> warnings() {
        return warnings;
    }

    ConfigException failure() {
        return new ConfigException(errors, warnings);
    }
}
