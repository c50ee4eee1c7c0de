package io.jsupervisor.service.process;

import io.jsupervisor.service.state.ProcessState;

/**
 * Told of every state change of every process, on the control thread, after the change.
 * {@code expected} matters only for EXITED: whether the exit status was one of {@code exitcodes}.
 */
@FunctionalInterface
public interface ProcessListener {
    void stateChanged(SupervisedProcess process, ProcessState from, ProcessState to, boolean expected);
}
