package io.jsupervisor.jmx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.jsupervisor.service.rpc.RpcMethods;

/**
 * Calls supervisord's XML-RPC methods in-process for the MBeans, so that an operation from JConsole
 * or Jolokia does exactly what the same call over XML-RPC does, through the control thread, and
 * fails the same way: with the fault's name and text ({@code NOT_RUNNING: web}).
 *
 * <p>Thread-safe; blocks the calling (JMX) thread until the answer, at most {@value #TIMEOUT_SECONDS} s.
 */
final class Calls {
    /** Long enough for a start or stop that waits ({@code stopwaitsecs} is 10 s by default). */
    static final long TIMEOUT_SECONDS = 120;

    private final RpcMethods methods;

    Calls(RpcMethods methods) {
        this.methods = methods;
    }

    /** The value {@code method} answers; a fault becomes an {@link IllegalStateException} with its text. */
    Object call(String method, Object... params) {
        try {
            return methods.call(method, List.of(params)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " was interrupted");
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> struct(String method, Object... params) {
        return (Map<String, Object>) call(method, params);
    }

    @SuppressWarnings("unchecked")
    List<Object> array(String method, Object... params) {
        return (List<Object>) call(method, params);
    }
}
