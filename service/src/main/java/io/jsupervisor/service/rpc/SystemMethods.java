package io.jsupervisor.service.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code system} namespace: method listing, help and signatures, and {@code multicall}, which
 * runs its calls one after the other (a call that waits holds up the next, as in supervisord) and
 * answers each with its bare result or a {@code {faultCode, faultString}} struct.
 *
 * <p>Stateless apart from the method table; safe to use from any thread.
 */
public final class SystemMethods {
    private final RpcMethods methods;

    private SystemMethods(RpcMethods methods) {
        this.methods = methods;
    }

    /** Registers the {@code system.*} methods in {@code methods}, which they describe. */
    public static void register(RpcMethods methods) {
        SystemMethods system = new SystemMethods(methods);
        methods.add(new RpcMethod("system.listMethods", List.of("array"),
                "Lists the names of every method this server answers.",
                params -> {
                    params.expect(0, 0);
                    return CompletableFuture.completedFuture(new ArrayList<Object>(methods.names()));
                }));
        methods.add(new RpcMethod("system.methodHelp", List.of("string", "string"),
                "Describes the method named by the parameter.",
                params -> CompletableFuture.completedFuture(methods.get(params.expect(1, 1).string(0)).help())));
        methods.add(new RpcMethod("system.methodSignature", List.of("array", "string"),
                "Gives the signature of the method named by the parameter: its return type, then its parameter types.",
                params -> CompletableFuture.completedFuture(
                        new ArrayList<Object>(methods.get(params.expect(1, 1).string(0)).signature()))));
        methods.add(new RpcMethod("system.multicall", List.of("array", "array"),
                "Runs an array of {methodName, params} calls in order; answers an array with the result of each "
                        + "call, or a {faultCode, faultString} struct for a call that failed.",
                params -> {
                    if (!(params.expect(1, 1).raw(0) instanceof List<?> calls)) {
                        throw new RpcError(Fault.INCORRECT_PARAMETERS);
                    }
                    return system.multicall(calls, 0, new ArrayList<>());
                }));
    }

    /** Runs the calls from {@code start}; loops while calls finish at once, so long lists need no deep stack. */
    private CompletableFuture<Object> multicall(List<?> calls, int start, List<Object> results) {
        for (int i = start; i < calls.size(); i++) {
            CompletableFuture<Object> call = one(calls.get(i)).handle((value, failure) -> {
                results.add(failure == null ? value : faultStruct(failure));
                return null;
            });
            if (!call.isDone()) {
                int next = i + 1;
                return call.thenCompose(ignored -> multicall(calls, next, results));
            }
        }
        return CompletableFuture.completedFuture(results);
    }

    private CompletableFuture<Object> one(Object call) {
        if (!(call instanceof Map<?, ?> struct) || !(struct.get("methodName") instanceof String name)) {
            return CompletableFuture.failedFuture(new RpcError(Fault.INCORRECT_PARAMETERS, "No methodName"));
        }
        if (name.equals("system.multicall")) {
            return CompletableFuture.failedFuture(
                    new RpcError(Fault.INCORRECT_PARAMETERS, "Recursive system.multicall forbidden"));
        }
        Object params = struct.containsKey("params") ? struct.get("params") : List.of();
        if (!(params instanceof List<?> list)) {
            return CompletableFuture.failedFuture(new RpcError(Fault.INCORRECT_PARAMETERS));
        }
        return methods.call(name, new ArrayList<Object>(list));
    }

    /** A failure as multicall reports it; anything but an RpcError is FAILED with its type and message. */
    static Map<String, Object> faultStruct(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Map<String, Object> fault = new LinkedHashMap<>();
        if (cause instanceof RpcError error) {
            fault.put("faultCode", error.code());
            fault.put("faultString", error.text());
        } else {
            fault.put("faultCode", Fault.FAILED.code());
            fault.put("faultString", "FAILED: " + cause.getClass().getName() + ":" + cause.getMessage());
        }
        return fault;
    }
}
