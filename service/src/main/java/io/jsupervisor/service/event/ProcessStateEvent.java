package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;
import io.jsupervisor.service.state.ProcessState;

/**
 * A process changed state ({@code PROCESS_STATE_<to>}). The payload names the process, its group
 * and the state it left, then what supervisord adds for the new state: {@code tries} for STARTING
 * and BACKOFF, {@code expected} and {@code pid} for EXITED, {@code pid} for RUNNING, STOPPING and
 * STOPPED, nothing for FATAL and UNKNOWN.
 *
 * @param tries the failed starts so far (supervisord's backoff count)
 * @param expected for EXITED, whether the exit status was one of {@code exitcodes}
 * @param pid the child's pid when the state was entered (0 when there was none)
 */
public record ProcessStateEvent(ProcessState to, String processName, String groupName, ProcessState from, int tries,
                                boolean expected, int pid) implements Event {

    @Override
    public EventType type() {
        return EventType.valueOf("PROCESS_STATE_" + to.name());
    }

    @Override
    public String payload() {
        String common = "processname:" + processName + " groupname:" + groupName + " from_state:" + from.name();
        return switch (to) {
            case STARTING, BACKOFF -> common + " tries:" + tries;
            case EXITED -> common + " expected:" + (expected ? 1 : 0) + " pid:" + pid;
            case RUNNING, STOPPING, STOPPED -> common + " pid:" + pid;
            case FATAL, UNKNOWN -> common;
        };
    }
}
