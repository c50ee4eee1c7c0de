package io.jsupervisor.jmx;

/** The notification types of the supervisor MBean besides attribute changes. */
final class JmxEvents {
    static final String GROUP_ADDED = "jsupervisor.group.added";
    static final String GROUP_REMOVED = "jsupervisor.group.removed";
    static final String SUPERVISOR_STATE = "jsupervisor.supervisor.state";

    private JmxEvents() {
    }
}
