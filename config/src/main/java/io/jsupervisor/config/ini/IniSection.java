package io.jsupervisor.config.ini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One section of an INI document: its name (case-sensitive, as supervisord treats section names),
 * the location of its first header, and its options by lower-cased name in first-seen order.
 *
 * <p>Mutable while a document is being read, then only read. Not thread-safe.
 */
public final class IniSection {
    private final String name;
    private final SourceLocation location;
    private final Map<String, IniValue> options = new LinkedHashMap<>();

    IniSection(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    /** The name between the brackets, e.g. {@code program:web}. */
    public String name() {
        return name;
    }

    /** Where the section's first header stands (a section may be continued by later headers). */
    public SourceLocation location() {
        return location;
    }

    /** The value of an option given in this section itself, ignoring {@code [DEFAULT]}. */
    public Optional<IniValue> get(String option) {
        return Optional.ofNullable(options.get(option));
    }

    /** Every option given in this section, in the order first seen. */
    public Map<String, IniValue> options() {
        return Collections.unmodifiableMap(options);
    }

    void put(String option, IniValue value) {
        options.put(option, value);
    }

    void replaceInValues(String target, String replacement) {
        options.replaceAll((key, value) -> value.replace(target, replacement));
    }

    @Override
    public String toString() {
        return "[" + name + "]";
    }
}
