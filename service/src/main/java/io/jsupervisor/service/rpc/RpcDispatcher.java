package io.jsupervisor.service.rpc;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.xmlrpc.XmlRpcCall;
import io.jsupervisor.service.xmlrpc.XmlRpcFormatException;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * Turns one {@code /RPC2} request body into a response body: parses the call, runs the method from
 * the allow-list, and writes its result or its fault, logging as supervisord does (each call at
 * {@code trace}, bad requests at {@code error}, unexpected failures at {@code critical}).
 *
 * <p>Thread-safe; called on HTTP threads.
 */
public final class RpcDispatcher {
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

    /**
     * Runs the call in {@code body}. The future gives the response body, a fault included; it fails
     * only on an unexpected error (HTTP 500).
     *
     * @throws XmlRpcFormatException when the body is not an XML-RPC call or names no method (HTTP 400)
     */
    public CompletableFuture<byte[]> handle(byte[] body) throws XmlRpcFormatException {
        XmlRpcCall call;
        try {
            call = XmlRpcReader.readCall(new ByteArrayInputStream(body));
            if (call.methodName().isEmpty()) {
                throw new XmlRpcFormatException("no method name");
            }
        } catch (XmlRpcFormatException e) {
            log.log(LogLevel.ERROR, "XML-RPC request data " + quote(body) + " is invalid: " + e.getMessage());
            throw e;
        }
        String name = call.methodName();
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
            log.log(LogLevel.CRITICAL, "Handling XML-RPC request with data " + quote(body)
                    + " raised an unexpected exception: " + trace(cause));
            throw new CompletionException(cause);
        }, writers);
    }

    private static String quote(byte[] body) {
        byte[] shown = body.length <= QUOTED_BYTES ? body : Arrays.copyOf(body, QUOTED_BYTES);
        return PythonText.bytesRepr(shown) + (body.length > QUOTED_BYTES ? "..." : "");
    }

    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
