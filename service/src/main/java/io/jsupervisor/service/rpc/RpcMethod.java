package io.jsupervisor.service.rpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One method callable over XML-RPC: its full name ({@code namespace.method}), its signature as
 * {@code system.methodSignature} reports it (return type, then parameter types) and its help text.
 *
 * <p>Immutable value; the handler is called on an HTTP thread and must not block.
 */
public record RpcMethod(String name, List<String> signature, String help, Handler handler) {

    public RpcMethod {
        signature = List.copyOf(signature);
    }

    /** Runs the method; the future completes with the result or an {@link RpcError}. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Object> call(Params params) throws RpcError;
    }
}
