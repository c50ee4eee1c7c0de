package io.jsupervisor.service.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /RPC2}: reads a POSTed XML-RPC call, hands it to the {@link RpcService} and writes its answer
 * as {@code text/xml}. Like supervisord it wants a {@code Content-Length} (411 without one) and answers
 * 400 to other methods and to bodies that are not XML-RPC, 500 to unexpected failures. Bodies over
 * {@value #MAX_BODY} bytes get 413 before a byte of them is read.
 *
 * <p>Thread-safe; never blocks: the body is read as it arrives and the answer written when the
 * service's future completes, on an HTTP thread.
 */
final class RpcEndpoint implements Request.Handler {
    /** Far above any real call (a multicall of a thousand methods is ~200 KB), far below harm. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final RpcService service;
    private final SupervisorLog log;

    RpcEndpoint(RpcService service, SupervisorLog log) {
        this.service = service;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        long length = request.getLength();
        if (length < 0) {
            Response.writeError(request, response, callback, HttpStatus.LENGTH_REQUIRED_411);
            return true;
        }
        if (length > MAX_BODY) {
            // The unread body would be the next request's garbage: the connection ends with this answer.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, unread) -> {
            if (unread != null) {
                callback.failed(unread); // the client went away mid-body: nobody to answer
            } else {
                answer(body, request, response, callback);
            }
        });
        return true;
    }

    private void answer(byte[] body, Request request, Response response, Callback callback) {
        CompletableFuture<byte[]> result;
        try {
            result = service.call(body);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        Executor http = request.getComponents().getExecutor();
        result.whenCompleteAsync((xml, failure) -> {
            if (failure == null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
                response.write(true, ByteBuffer.wrap(xml), callback);
            } else {
                fail(request, response, callback, unwrap(failure));
            }
        }, http);
    }

    private void fail(Request request, Response response, Callback callback, Throwable failure) {
        if (failure instanceof RpcService.BadRequestException) {
            log.log(LogLevel.ERROR, failure.getMessage());
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
        } else {
            log.log(LogLevel.CRITICAL, "Handling XML-RPC request raised an unexpected exception: " + failure);
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
