package io.jsupervisor.service.ctl;

/** Ctrl-C was typed while a line was being read: Python's {@code KeyboardInterrupt} there. */
final class InterruptedByUser extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InterruptedByUser() {
        super("interrupted", null, false, false);
    }
}
