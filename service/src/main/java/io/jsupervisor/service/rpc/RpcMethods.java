package io.jsupervisor.service.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The explicit allow-list of callable methods, by full name. Only a name registered here can be
 * called, and only in the form {@code namespace.method} with a method part that does not start with
 * an underscore, so no request can reach anything else (the CVE-2017-11610 class of bug).
 *
 * <p>Filled before the servers start, then only read: safe to share between HTTP threads.
 */
public final class RpcMethods {
    private final Map<String, RpcMethod> methods = new TreeMap<>();

    public void add(RpcMethod method) {
        if (methods.putIfAbsent(method.name(), method) != null) {
            throw new IllegalArgumentException("method registered twice: " + method.name());
        }
    }

    /** An alias: the same method under another name (supervisord keeps several for old clients). */
    public void alias(String alias, String of) {
        RpcMethod method = methods.get(of);
        add(new RpcMethod(alias, method.signature(), method.help(), method.handler()));
    }

    /** A table of the methods of one namespace ({@code system}) of this one. */
    public RpcMethods only(String namespace) {
        RpcMethods some = new RpcMethods();
        methods.values().stream().filter(m -> m.name().startsWith(namespace + ".")).forEach(some::add);
        return some;
    }

    /** Every method name, sorted. */
    public List<String> names() {
        return new ArrayList<>(methods.keySet());
    }

    public RpcMethod get(String name) throws RpcError {
        RpcMethod method = methods.get(name);
        if (method == null) {
            throw new RpcError(Fault.SIGNATURE_UNSUPPORTED);
        }
        return method;
    }

    /** Calls {@code name}; UNKNOWN_METHOD for any name that is not exactly a registered {@code namespace.method}. */
    public CompletableFuture<Object> call(String name, List<Object> params) {
        String[] parts = name.split("\\.", -1);
        RpcMethod method = parts.length == 2 && !parts[1].startsWith("_") ? methods.get(name) : null;
        if (method == null) {
            return CompletableFuture.failedFuture(new RpcError(Fault.UNKNOWN_METHOD));
        }
        try {
            return method.handler().call(new Params(params));
        } catch (RpcError e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
