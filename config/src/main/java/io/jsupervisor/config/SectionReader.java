package io.jsupervisor.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniValue;
import io.jsupervisor.config.ini.SourceLocation;
import io.jsupervisor.config.syntax.FormatException;
import io.jsupervisor.config.syntax.PercentFormat;
import io.jsupervisor.config.types.InvalidValueException;

/**
 * Reads the options of one section: finds the raw text (the section's own, else {@code [DEFAULT]},
 * else a command-line override where one applies), expands {@code %(name)s} against the names the
 * caller says are available there, converts it, and records any failure as a problem placed at the
 * value's file and line. A failed option yields its default so that reading goes on and every
 * problem in the file is reported at once.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class SectionReader {
    private final IniDocument document;
    private final String section;
    private final SourceLocation sectionLocation;
    private final Map<String, String> overrides;
    private final HostEnvironment host;
    private final Problems problems;

    SectionReader(IniDocument document, String section, SourceLocation sectionLocation, Map<String, String> overrides,
                  HostEnvironment host, Problems problems) {
        this.document = document;
        this.section = section;
        this.sectionLocation = sectionLocation;
        this.overrides = overrides;
        this.host = host;
        this.problems = problems;
    }

    String section() {
        return section;
    }

    SourceLocation location() {
        return sectionLocation;
    }

    /** The option's text as written (or as given on the command line), before any expansion. */
    Optional<IniValue> raw(String option) {
        String override = overrides.get(option);
        if (override != null) {
            return Optional.of(new IniValue(override, SourceLocation.COMMAND_LINE));
        }
        return document.get(section, option);
    }

    /** The option's text expanded once against {@code names}; empty when absent or when expansion failed. */
    Optional<String> text(String option, Map<String, ?> names) {
        return raw(option).flatMap(value -> expand(option, value, value.text(), names));
    }

    /**
     * The option's value: its text expanded and converted, else its default converted. On failure the
     * problem is recorded and the default returned. Only for options that have a default.
     */
    <T> T value(OptionSpec<T> spec, Map<String, ?> names) {
        return optional(spec, names).orElseGet(() -> defaultValue(spec));
    }

    /** The option's value if it is given and valid; failures are recorded. */
    <T> Optional<T> optional(OptionSpec<T> spec, Map<String, ?> names) {
        Optional<IniValue> raw = raw(spec.name());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return expand(spec.name(), raw.get(), raw.get().text(), names)
                .flatMap(text -> convert(spec, raw.get(), text));
    }

    /** Converts already expanded text of the option, recording a failure. */
    <T> Optional<T> convert(OptionSpec<T> spec, IniValue origin, String text) {
        try {
            return Optional.of(spec.converter().convert(text, host));
        } catch (InvalidValueException e) {
            error(spec.name(), origin, e.getMessage());
            return Optional.empty();
        }
    }

    /** The option's default, converted; defaults are valid by construction. */
    <T> T defaultValue(OptionSpec<T> spec) {
        String text = spec.defaultText().orElseThrow(() -> new IllegalStateException(spec.name() + " has no default"));
        try {
            return spec.converter().convert(text, host);
        } catch (InvalidValueException e) {
            throw new IllegalStateException("default of " + spec.name() + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Expands {@code text} (the option's value, or a value derived from it) against {@code names};
     * command-line values are taken as they are, as supervisord does.
     */
    Optional<String> expand(String option, IniValue origin, String text, Map<String, ?> names) {
        if (origin.location() == SourceLocation.COMMAND_LINE) {
            return Optional.of(text);
        }
        try {
            return Optional.of(PercentFormat.format(text, names));
        } catch (FormatException e) {
            String message = e.unknownName()
                    .map(name -> "cannot expand '" + text + "': unknown name '%(" + name + ")s' ("
                            + describeUnknown(name, names) + ")")
                    .orElseGet(() -> "cannot expand '" + text + "': " + e.getMessage());
            error(option, origin, message);
            return Optional.empty();
        }
    }

    /** Records an error about an option, placed at its value (or at the section when it has none). */
    void error(String option, IniValue origin, String message) {
        if (origin != null && origin.location() == SourceLocation.COMMAND_LINE) {
            problems.error(SourceLocation.COMMAND_LINE, null, "--" + option, message);
        } else {
            problems.error(origin == null ? sectionLocation : origin.location(), section, option, message);
        }
    }

    void warning(String option, String message) {
        Optional<IniValue> value = option == null ? Optional.empty() : raw(option);
        problems.warning(value.map(IniValue::location).orElse(sectionLocation), section, option, message);
    }

    /** Records an error about the section as a whole, or an option it lacks, placed at its header. */
    void sectionError(String option, String message) {
        problems.error(sectionLocation, section, option, message);
    }

    private static String describeUnknown(String name, Map<String, ?> names) {
        if (name.startsWith("ENV_")) {
            return "there is no environment variable " + name.substring(4);
        }
        TreeSet<String> available = names.keySet().stream().filter(k -> !k.startsWith("ENV_"))
                .collect(Collectors.toCollection(TreeSet::new));
        return "available here: " + String.join(", ", available)
                + (available.size() < names.size() ? ", ENV_<variable>" : "");
    }
}
