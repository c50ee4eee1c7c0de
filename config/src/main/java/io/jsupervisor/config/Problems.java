package io.jsupervisor.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import io.jsupervisor.config.ini.SourceLocation;

/**
 * The errors and warnings found while loading one configuration, in the order found.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class Problems {
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final String mainFile;

    /** @param mainFile how locations name the main configuration file */
    Problems(String mainFile) {
        this.mainFile = mainFile;
    }

    /**
     * Records an error, unless one about the same option at the same place is already recorded:
     * supervisord reads some options twice (a program's priority for its group and for its
     * processes), and one report per value is enough.
     */
    void error(SourceLocation location, String section, String option, String message) {
        boolean known = location != null && option != null && errors.stream().anyMatch(e ->
                location.equals(e.location()) && option.equals(e.option()) && Objects.equals(section, e.section()));
        if (!known) {
            errors.add(ConfigProblem.error(location, section, option, message));
        }
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

    /** The warnings in reading order (see {@link #inFileOrder}). */
    List<ConfigProblem> sortedWarnings() {
        return inFileOrder(warnings);
    }

    /**
     * Problems in reading order: the main file's first, then each other file's in the order first met,
     * by line within a file; problems that have no place come last.
     */
    private List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<String> files = new ArrayList<>(List.of(mainFile));
        problems.stream().map(ConfigProblem::location).filter(Objects::nonNull).map(SourceLocation::file)
                .filter(f -> !files.contains(f)).forEach(files::add);
        Comparator<ConfigProblem> order = Comparator.comparingInt(
                e -> e.location() == null ? Integer.MAX_VALUE : files.indexOf(e.location().file()));
        order = order.thenComparingInt(e -> e.location() == null ? 0 : e.location().line());
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(order);
        return sorted;
    }

    ConfigException failure() {
        return new ConfigException(inFileOrder(errors), inFileOrder(warnings));
    }
}
