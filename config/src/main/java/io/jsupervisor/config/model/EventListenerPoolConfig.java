package io.jsupervisor.config.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The listener processes of one {@code [eventlistener:x]}, the event types they subscribe to (by
 * supervisord's names, upper case), the size of the pool's event buffer and the result handler.
 *
 * <p>Immutable value.
 */
public record EventListenerPoolConfig(String name, int priority, List<ProcessConfig> processes, int bufferSize,
                                      SortedSet<String> events, String resultHandler) implements GroupConfig {

    /** Every event type name a listener may subscribe to, supertypes included, as supervisord 4.2 defines them. */
    public static final SortedSet<String> EVENT_TYPES = Collections.unmodifiableSortedSet(
            Arrays.stream(EventType.values()).map(EventType::name).collect(Collectors.toCollection(TreeSet::new)));

    /** The result handler of supervisord's standard listener protocol, the only one jsupervisor has. */
    public static final String DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

    public EventListenerPoolConfig {
        processes = List.copyOf(processes);
        events = Collections.unmodifiableSortedSet(new TreeSet<>(events));
    }

    /** The event types the pool subscribes to. */
    public Set<EventType> eventTypes() {
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        events.forEach(name -> types.add(EventType.valueOf(name)));
        return types;
    }
}
