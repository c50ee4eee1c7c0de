package io.jsupervisor.service.control;

/**
 * Runs tasks on the control thread after a delay. Used for every deadline of the state machine
 * (startsecs, backoff, stopwaitsecs) so that nothing polls.
 *
 * <p>Called only from the control thread, except {@link #execute}.
 */
public interface Scheduler {

    /** Runs {@code task} on the control thread soon, after the tasks handed over before it; callable from any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the control thread once {@code delayNanos} have passed. */
    Timer schedule(long delayNanos, Runnable task);

    /** A scheduled task that has not run yet. */
    interface Timer {
        /** Stops the task from running; does nothing if it already ran. */
        void cancel();
    }
}
