package io.jsupervisor.service.rpc;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.http.RpcService;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.xmlrpc.XmlRpcCall;
import io.jsupervisor.service.xmlrpc.XmlRpcFormatException;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * {@code /RPC2}: turns one request body into a response body. Parses the call, runs the method from
 * the allow-list, and writes its result or its fault, logging each call at {@code trace} as
 * supervisord does; a body that is not a call fails with supervisord's words for the main log.
 *
 * <p>Thread-safe; called on HTTP threads.
 */
public final class RpcDispatcher implements RpcService {
    /** How much of a bad request body is quoted in the log. */
    private static final int QUOTED_BYTES = 200;

    private final RpcMethods methods;
    private final SupervisorLog log;
    private final Executor writers;

    /**
     * @param writers where answers are written out: methods finish on the control thread, which must
     *                not spend its time writing half a megabyte of XML for a big {@code getAllProcessInfo}
     */
    public RpcDispatcher(RpcMethods methods, SupervisorLog log, Executor writers) {
        this.methods = methods;
        this.log = log;
        this.writers = writers;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] body) {
        XmlRpcCall call;
        try {
            call = XmlRpcReader.readCall(new ByteArrayInputStream(body));
        } catch (XmlRpcFormatException e) {
            return CompletableFuture.failedFuture(new BadRequestException(
                    "XML-RPC request data " + quote(body) + " is invalid: " + e.getMessage()));
        }
        String name = call.methodName();
        if (name.isEmpty()) {
            return CompletableFuture.failedFuture(new BadRequestException(
                    "XML-RPC request data " + quote(body) + " is invalid: no method name"));
        }
        log.log(LogLevel.TRACE, "XML-RPC method called: " + name + "()");
        return methods.call(name, call.params()).handleAsync((value, failure) -> {
            if (failure == null) {
                log.log(LogLevel.TRACE, "XML-RPC method " + name + "() returned successfully");
                return XmlRpcWriter.response(value);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RpcError error) {
                log.log(LogLevel.TRACE, "XML-RPC method " + name + "() returned fault: [" + error.code() + "] "
                        + error.text());
                return XmlRpcWriter.fault(error.code(), error.text());
            }
            throw new CompletionException(cause);
        }, writers);
    }

    private static String quote(byte[] body) {
        byte[] shown = body.length <= QUOTED_BYTES ? body : Arrays.copyOf(body, QUOTED_BYTES);
        return PythonText.bytesRepr(shown) + (body.length > QUOTED_BYTES ? "..." : "");
    }
}
