package io.jsupervisor.config.ini;

/**
 * One option's raw text as the INI reader produced it (continuation lines joined with {@code \n},
 * inline comments removed, no expansion applied) and the location of the line that named the option.
 *
 * <p>Immutable value; safe to share between threads.
 */
public record IniValue(String text, SourceLocation location) {

    /** Returns a copy whose text has every occurrence of {@code target} replaced. */
    IniValue replace(String target, String replacement) {
        return text.contains(target) ? new IniValue(text.replace(target, replacement), location) : this;
    }
}
