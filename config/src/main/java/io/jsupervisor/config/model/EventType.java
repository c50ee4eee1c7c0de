package io.jsupervisor.config.model;

/**
 * supervisord 4.2's event types, each with the type it is a kind of. A listener subscribed to a
 * type receives that type and every type below it ({@code PROCESS_STATE} gives every
 * {@code PROCESS_STATE_*}, {@code EVENT} gives everything). The constant names are the names on
 * the wire and in {@code events=}.
 */
public enum EventType {
    EVENT(null),
    PROCESS_STATE(EVENT),
    PROCESS_STATE_STOPPED(PROCESS_STATE),
    PROCESS_STATE_EXITED(PROCESS_STATE),
    PROCESS_STATE_STARTING(PROCESS_STATE),
    PROCESS_STATE_STOPPING(PROCESS_STATE),
    PROCESS_STATE_BACKOFF(PROCESS_STATE),
    PROCESS_STATE_FATAL(PROCESS_STATE),
    PROCESS_STATE_RUNNING(PROCESS_STATE),
    PROCESS_STATE_UNKNOWN(PROCESS_STATE),
    PROCESS_COMMUNICATION(EVENT),
    PROCESS_COMMUNICATION_STDOUT(PROCESS_COMMUNICATION),
    PROCESS_COMMUNICATION_STDERR(PROCESS_COMMUNICATION),
    PROCESS_LOG(EVENT),
    PROCESS_LOG_STDOUT(PROCESS_LOG),
    PROCESS_LOG_STDERR(PROCESS_LOG),
    REMOTE_COMMUNICATION(EVENT),
    SUPERVISOR_STATE_CHANGE(EVENT),
    SUPERVISOR_STATE_CHANGE_RUNNING(SUPERVISOR_STATE_CHANGE),
    SUPERVISOR_STATE_CHANGE_STOPPING(SUPERVISOR_STATE_CHANGE),
    TICK(EVENT),
    TICK_5(TICK),
    TICK_60(TICK),
    TICK_3600(TICK),
    PROCESS_GROUP(EVENT),
    PROCESS_GROUP_ADDED(PROCESS_GROUP),
    PROCESS_GROUP_REMOVED(PROCESS_GROUP);

    private final EventType parent;

    EventType(EventType parent) {
        this.parent = parent;
    }

    /** Whether this type is {@code other} or a kind of it, so that a subscriber to {@code other} receives it. */
    public boolean isA(EventType other) {
        for (EventType t = this; t != null; t = t.parent) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }
}
