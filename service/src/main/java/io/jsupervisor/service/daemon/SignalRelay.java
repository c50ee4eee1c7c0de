package io.jsupervisor.service.daemon;

import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Takes the signals supervisord acts on (TERM, INT, HUP, USR2, CHLD) away from the JVM's defaults and hands
 * their names to whoever is current, on the JVM's signal thread. SIGQUIT stays the JVM's (it prints
 * a thread dump and cannot be caught).
 *
 * <p>Thread-safe.
 */
final class SignalRelay {
    static final List<String> SIGNALS = List.of("TERM", "INT", "HUP", "USR2", "CHLD");

    private volatile Consumer<String> target;
    private final SignalHandler handler = signal -> target.accept(signal.getName());

    /** Installs the handlers; signals arriving while no target is set go to {@code fallback}. */
    SignalRelay(Consumer<String> fallback) {
        target = fallback;
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), handler);
        }
    }

    void target(Consumer<String> newTarget) {
        target = newTarget;
    }

    /** Passes a signal by name to the current target, as if it had arrived. */
    void deliver(String name) {
        target.accept(name);
    }

    /** Installs the handler of {@code name} again, after native code outside the JVM replaced it. */
    void reclaim(String name) {
        Signal.handle(new Signal(name), handler);
    }
}
