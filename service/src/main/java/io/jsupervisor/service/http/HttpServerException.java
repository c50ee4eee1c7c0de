package io.jsupervisor.service.http;

import java.io.IOException;

/**
 * An HTTP server that could not be started, with supervisord's words for why (e.g. {@code Another
 * program is already listening on a port that one of our HTTP servers is configured to use...}), so
 * the daemon can print {@code Error: <message>} as supervisord does.
 */
public final class HttpServerException extends IOException {
    private static final long serialVersionUID = 1L;

    HttpServerException(String message) {
        super(message);
    }

    HttpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
