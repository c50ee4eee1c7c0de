package io.jsupervisor.service.ctl;

import java.util.ArrayDeque;
import java.util.Deque;
import sun.misc.Signal;

/**
 * What Ctrl-C (SIGINT) does. Python raises {@code KeyboardInterrupt} wherever supervisorctl is, and
 * the shell and the log-following commands catch it; here each of them pushes the action it wants
 * while it runs, and the signal runs the latest one on the JVM's signal thread. With nothing pushed,
 * the process exits with status 130, as it would without a handler.
 *
 * <p>Thread-safe.
 */
final class Interrupts {
    private final Deque<Runnable> actions = new ArrayDeque<>();
    private boolean installed;

    /** Makes {@code action} what Ctrl-C does until {@link #pop()}; takes SIGINT from the JVM on first use. */
    synchronized void push(Runnable action) {
        if (!installed) {
            Signal.handle(new Signal("INT"), signal -> fire());
            installed = true;
        }
        actions.push(action);
    }

    /**
     * Says that a terminal library now takes SIGINT from the JVM and calls {@link #fire()} itself,
     * so that {@link #push} must not take the signal back from it.
     */
    synchronized void deliveredByTerminal() {
        installed = true;
    }

    synchronized void pop() {
        actions.pop();
    }

    /** Runs the current action (from the signal's thread, or from a terminal that caught Ctrl-C itself). */
    void fire() {
        Runnable action;
        synchronized (this) {
            action = actions.peek();
        }
        if (action == null) {
            System.exit(130);
        }
        action.run();
    }
}
