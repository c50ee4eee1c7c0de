package io.jsupervisor.service.state;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a supervised process, with supervisord's numeric codes (part of the XML-RPC and
 * event protocols) and the transitions each state allows. {@code SupervisedProcess} changes state
 * only through transitions listed here.
 */
public enum ProcessState {
    STOPPED(0),
    STARTING(10),
    RUNNING(20),
    BACKOFF(30),
    STOPPING(40),
    EXITED(100),
    FATAL(200),
    UNKNOWN(1000);

    static {
        STOPPED.next = EnumSet.of(STARTING);
        STARTING.next = EnumSet.of(RUNNING, BACKOFF, STOPPING, UNKNOWN);
        RUNNING.next = EnumSet.of(EXITED, STOPPING, UNKNOWN);
        BACKOFF.next = EnumSet.of(STARTING, FATAL, STOPPED);
        STOPPING.next = EnumSet.of(STOPPED, UNKNOWN);
        EXITED.next = EnumSet.of(STARTING);
        FATAL.next = EnumSet.of(STARTING);
        // A process whose signalling failed is still reaped or started again by an operator.
        UNKNOWN.next = EnumSet.of(STARTING, STOPPING, STOPPED, EXITED);
    }

    private final int code;
    private Set<ProcessState> next;

    ProcessState(int code) {
        this.code = code;
    }

    /** supervisord's number for this state. */
    public int code() {
        return code;
    }

    public boolean canChangeTo(ProcessState target) {
        return next.contains(target);
    }

    /** STOPPED, EXITED, FATAL, UNKNOWN: no child is expected to be running. */
    public boolean isStopped() {
        return this == STOPPED || this == EXITED || this == FATAL || this == UNKNOWN;
    }

    /** STARTING, RUNNING, BACKOFF: the process is meant to be running. */
    public boolean isRunning() {
        return this == STARTING || this == RUNNING || this == BACKOFF;
    }

    /** STARTING, RUNNING, STOPPING: a child exists that can be signalled. */
    public boolean isSignallable() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
