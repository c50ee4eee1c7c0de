package io.jsupervisor.config.model;

import java.util.Comparator;
import java.util.List;

/**
 * A process group as supervisord manages it: started, stopped and updated as one unit. Groups sort by
 * priority, then name, which is the order they start in (and the reverse of the order they stop in).
 *
 * <p>Implementations are immutable values; equality decides whether reread reports a group changed.
 */
public sealed interface GroupConfig permits ProgramGroupConfig, FcgiGroupConfig, EventListenerPoolConfig {

    /** Ascending priority, then name: supervisord's start order. */
    Comparator<GroupConfig> START_ORDER = Comparator.comparingInt(GroupConfig::priority)
            .thenComparing(GroupConfig::name);

    String name();

    int priority();

    /** The group's processes, in supervisord's order for the group. */
    List<ProcessConfig> processes();
}
