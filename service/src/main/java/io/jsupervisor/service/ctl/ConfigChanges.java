package io.jsupervisor.service.ctl;

import java.util.List;

/**
 * The groups that {@code reloadConfig} found added, changed and removed.
 *
 * <p>Immutable value.
 */
record ConfigChanges(List<String> added, List<String> changed, List<String> removed) {

    ConfigChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** Reads {@code reloadConfig}'s answer, {@code [[added, changed, removed]]}. */
    static ConfigChanges of(Object answer) {
        List<?> lists = (List<?>) ((List<?>) answer).get(0);
        return new ConfigChanges(names(lists.get(0)), names(lists.get(1)), names(lists.get(2)));
    }

    private static List<String> names(Object list) {
        return ((List<?>) list).stream().map(String.class::cast).toList();
    }
}
