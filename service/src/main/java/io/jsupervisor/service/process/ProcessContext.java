package io.jsupervisor.service.process;

import java.util.function.BooleanSupplier;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.Scheduler;

/**
 * What a supervised process needs from its surroundings: time, timers on the control thread, a
 * launcher, the main log, who to tell about state changes, and whether the supervisor still starts
 * processes (it does not while shutting down or restarting).
 *
 * <p>Immutable value; its parts are used on the control thread.
 */
public record ProcessContext(Clock clock, Scheduler scheduler, ProcessLauncher launcher, SupervisorLog log,
                             ProcessListener listener, BooleanSupplier mayStart) {
}
