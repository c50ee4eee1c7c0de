package io.jsupervisor.service.state;

/** The supervisor's own state ("mood" in supervisord), with supervisord's codes. */
public enum SupervisorState {
    FATAL(2),
    RUNNING(1),
    RESTARTING(0),
    SHUTDOWN(-1);

    private final int code;

    SupervisorState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
