package io.jsupervisor.service.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Calls the daemon's XML-RPC methods in-process by name, as the dashboard's JSON API does: the
 * same allow-listed methods, through the control thread, with the same faults.
 *
 * <p>Implementations are thread-safe and never block the caller.
 */
@FunctionalInterface
public interface RpcCalls {
    /** The method's answer; fails with {@link Fault} for a fault the method answered with. */
    CompletableFuture<Object> call(String method, List<Object> params);

    /** A fault an XML-RPC method answered with, by its fault string ({@code BAD_NAME: web}). */
    final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Fault(String faultString) {
            super(faultString, null, false, false);
        }
    }
}
