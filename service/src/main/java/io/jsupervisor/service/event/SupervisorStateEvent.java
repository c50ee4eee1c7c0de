package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/**
 * The supervisor is up ({@code SUPERVISOR_STATE_CHANGE_RUNNING}, before it starts any program) or is
 * stopping everything ({@code SUPERVISOR_STATE_CHANGE_STOPPING}). The payload is empty.
 */
public record SupervisorStateEvent(EventType type) implements Event {
    public static final SupervisorStateEvent RUNNING = new SupervisorStateEvent(EventType.SUPERVISOR_STATE_CHANGE_RUNNING);
    public static final SupervisorStateEvent STOPPING = new SupervisorStateEvent(EventType.SUPERVISOR_STATE_CHANGE_STOPPING);

    @Override
    public String payload() {
        return "";
    }
}
