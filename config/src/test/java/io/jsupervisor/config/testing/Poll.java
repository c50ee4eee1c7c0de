package io.jsupervisor.config.testing;

import java.util.function.BooleanSupplier;

/** Test helper: waits for a condition by polling it, up to a deadline generous enough for a loaded machine. */
public final class Poll {
    public static final long DEADLINE_MILLIS = 30_000;

    private Poll() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20); // poll interval, bounded by the deadline
        }
    }
}
