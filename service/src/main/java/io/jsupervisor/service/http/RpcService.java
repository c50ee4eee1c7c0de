package io.jsupervisor.service.http;

import java.util.concurrent.CompletableFuture;

/**
 * What {@code POST /RPC2} serves: supervisord's XML-RPC interface, one request body at a time.
 *
 * <p>Called on an HTTP thread; must not block. The future may complete on any thread: the HTTP
 * servers move the response back onto their own threads before writing it.
 */
public interface RpcService {

    /**
     * Parses and runs one XML-RPC request body.
     *
     * @return the response body (an XML-RPC fault is still HTTP 200); completes exceptionally with
     *     {@link BadRequestException} for a body that cannot be parsed or has no method name (HTTP
     *     400, its message logged at ERROR), and with anything else for an unexpected failure (HTTP
     *     500, logged at CRIT)
     */
    CompletableFuture<byte[]> call(byte[] body);

    /** A request body that is not an XML-RPC call; the message says why, for the main log. */
    final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequestException(String message) {
            super(message);
        }
    }
}
