package io.jsupervisor.service.process;

import io.jsupervisor.service.platform.WaitStatus;

/** Told, on the control thread, that a launched child was reaped and when its exit was first seen. */
@FunctionalInterface
public interface ExitHandler {
    void exited(WaitStatus status, long observedAtNanos);
}
