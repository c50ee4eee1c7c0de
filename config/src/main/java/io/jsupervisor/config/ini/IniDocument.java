package io.jsupervisor.config.ini;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sections read from one or more INI sources, merged the way Python's
 * {@code RawConfigParser(strict=False)} merges them for supervisord: a section named again (in the
 * same file or a later one) is continued, and an option given again replaces the earlier value.
 * Options of {@code [DEFAULT]} apply to every section that does not give them itself.
 *
 * <p>Built by {@link IniReader} on one thread, then only read. Not thread-safe.
 */
public final class IniDocument {
    /** The section whose options are defaults for every other section, as in RawConfigParser. */
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final Map<String, IniSection> sections = new LinkedHashMap<>();
    private final List<IniSyntaxError> errors = new ArrayList<>();
    private IniSection defaults;

    /** The sections in the order first seen, without {@code [DEFAULT]}. */
    public List<IniSection> sections() {
        return List.copyOf(sections.values());
    }

    public Optional<IniSection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name);
    }

    /** The {@code [DEFAULT]} section, if any source had one. */
    public Optional<IniSection> defaults() {
        return Optional.ofNullable(defaults);
    }

    /** An option of a section, falling back to {@code [DEFAULT]} as RawConfigParser's {@code get} does. */
    public Optional<IniValue> get(String section, String option) {
        IniSection s = sections.get(section);
        Optional<IniValue> own = s == null ? Optional.empty() : s.get(option);
        if (own.isPresent() || defaults == null) {
            return own;
        }
        return defaults.get(option);
    }

    /** Lines that could not be read, in the order met; reading goes on past them as Python's does. */
    public List<IniSyntaxError> errors() {
        return Collections.unmodifiableList(errors);
    }

    /**
     * Replaces {@code target} in every value read so far, as supervisord does for {@code %(here)s}
     * after each file when the configuration has an {@code [include]} section.
     */
    public void replaceInValues(String target, String replacement) {
        sections.values().forEach(s -> s.replaceInValues(target, replacement));
        if (defaults != null) {
            defaults.replaceInValues(target, replacement);
        }
    }

    IniSection openSection(String name, SourceLocation location) {
        if (DEFAULT_SECTION.equals(name)) {
            if (defaults == null) {
                defaults = new IniSection(name, location);
            }
            return defaults;
        }
        return sections.computeIfAbsent(name, n -> new IniSection(n, location));
    }

    void addError(IniSyntaxError error) {
        errors.add(error);
    }
}
