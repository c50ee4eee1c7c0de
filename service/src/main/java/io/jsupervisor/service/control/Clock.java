package io.jsupervisor.service.control;

/**
 * The time sources of the supervisor: a monotonic clock for every deadline (so wall-clock jumps
 * change nothing) and the wall clock for the times reported to operators.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /** Monotonic nanoseconds, only meaningful as differences. */
    long nanoTime();

    /** Milliseconds since the epoch. */
    long wallMillis();

    /** The system's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };
}
