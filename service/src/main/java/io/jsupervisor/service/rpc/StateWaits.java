package io.jsupervisor.service.rpc;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import io.jsupervisor.service.process.ProcessListener;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.state.ProcessState;

/**
 * Calls that wait for a process to reach a state ({@code startProcess} and {@code stopProcess} with
 * {@code wait=true}): each waiter is checked at once and then at every state change of its process,
 * until it says it is done. Nothing polls.
 *
 * <p>Confined to the control thread.
 */
final class StateWaits implements ProcessListener {

    /** Looks at a process; returns true when the wait is over (and has completed its future). */
    @FunctionalInterface
    interface Waiter {
        boolean done(SupervisedProcess process);
    }

    private final Map<SupervisedProcess, List<Waiter>> waiting = new IdentityHashMap<>();

    void until(SupervisedProcess process, Waiter waiter) {
        if (!waiter.done(process)) {
            waiting.computeIfAbsent(process, p -> new ArrayList<>()).add(waiter);
        }
    }

    @Override
    public void stateChanged(SupervisedProcess process, ProcessState from, ProcessState to, boolean expected) {
        List<Waiter> waiters = waiting.remove(process);
        if (waiters == null) {
            return;
        }
        // A finished wait may start another on the same process at once (a rolling restart's start
        // after its stop), which lands in a fresh list while these are checked.
        List<Waiter> still = new ArrayList<>();
        for (Waiter waiter : waiters) {
            if (!waiter.done(process)) {
                still.add(waiter);
            }
        }
        if (!still.isEmpty()) {
            waiting.computeIfAbsent(process, p -> new ArrayList<>()).addAll(0, still);
        }
    }
}
