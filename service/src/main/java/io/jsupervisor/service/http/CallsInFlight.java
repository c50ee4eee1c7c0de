package io.jsupervisor.service.http;

/**
 * The XML-RPC calls whose answers are not written yet. Closing the servers waits for them, so the
 * answer to {@code shutdown} (or to a {@code stop} that finished just before) reaches its client
 * instead of being cut off by the stop.
 *
 * <p>Thread-safe.
 */
final class CallsInFlight {
    private int calls;

    synchronized void begin() {
        calls++;
    }

    synchronized void end() {
        if (--calls == 0) {
            notifyAll();
        }
    }

    /** Waits until no call is in flight, at most {@code timeoutMillis}. */
    synchronized void awaitNone(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long left;
        while (calls > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
            wait(left);
        }
    }
}
