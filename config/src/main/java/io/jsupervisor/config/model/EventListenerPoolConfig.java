package io.jsupervisor.config.model;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The listener processes of one {@code [eventlistener:x]}, the event types they subscribe to (by
 * supervisord's names, upper case), the size of the pool's event buffer and the result handler.
 *
 * <p>Immutable value.
 */
public record EventListenerPoolConfig(String name, int priority, List<ProcessConfig> processes, int bufferSize,
                                      SortedSet<String> events, String resultHandler) implements GroupConfig {

    /** Every event type name a listener may subscribe to, supertypes included, as supervisord 4.2 defines them. */
    public static final SortedSet<String> EVENT_TYPES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            "EVENT", "PROCESS_STATE", "PROCESS_STATE_STOPPED", "PROCESS_STATE_EXITED", "PROCESS_STATE_STARTING",
            "PROCESS_STATE_STOPPING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING",
            "PROCESS_STATE_UNKNOWN", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDOUT",
            "PROCESS_COMMUNICATION_STDERR", "PROCESS_LOG", "PROCESS_LOG_STDOUT", "PROCESS_LOG_STDERR",
            "REMOTE_COMMUNICATION", "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING",
            "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK", "TICK_5", "TICK_60", "TICK_3600", "PROCESS_GROUP",
            "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED")));

    /** The result handler of supervisord's standard listener protocol, the only one jsupervisor has. */
    public static final String DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

    public EventListenerPoolConfig {
        processes = List.copyOf(processes);
        events = Collections.unmodifiableSortedSet(new TreeSet<>(events));
    }
}
