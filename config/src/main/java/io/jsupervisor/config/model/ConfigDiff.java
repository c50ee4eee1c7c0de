package io.jsupervisor.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What reread reports between the groups that are active and a freshly loaded configuration, by
 * group name: groups only the new configuration has (added), groups in both whose configuration is
 * not equal (changed), and active groups the new configuration lacks (removed). Each list is in the
 * order of the configuration it comes from.
 *
 * <p>Immutable value.
 */
public record ConfigDiff(List<String> added, List<String> changed, List<String> removed) {

    public ConfigDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** Compares the active groups with the groups of a new configuration, as supervisord's {@code diff_to_active}. */
    public static ConfigDiff between(List<GroupConfig> active, List<GroupConfig> fresh) {
        Map<String, GroupConfig> activeByName = active.stream()
                .collect(Collectors.toMap(GroupConfig::name, Function.identity(), (a, b) -> a));
        Map<String, GroupConfig> freshByName = fresh.stream()
                .collect(Collectors.toMap(GroupConfig::name, Function.identity(), (a, b) -> a));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (GroupConfig group : fresh) {
            GroupConfig old = activeByName.get(group.name());
            if (old == null) {
                added.add(group.name());
            } else if (!old.equals(group)) {
                changed.add(group.name());
            }
        }
        List<String> removed = active.stream().map(GroupConfig::name)
                .filter(name -> !freshByName.containsKey(name)).toList();
        return new ConfigDiff(added, changed, removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
