package io.jsupervisor.service.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The small HTML page every error answer carries (400, 401, 404, 413, 500, and Jetty's own such
 * as 431), in the shape supervisord's HTTP server gives: a title, the code and its reason. Installed
 * as the server's error handler, so {@link Response#writeError} and Jetty's own errors both use it.
 *
 * <p>Stateless and thread-safe.
 */
final class ErrorPage implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = HttpStatus.getMessage(status);
        String page = "<html><head><title>Error response</title></head>\r\n<body><h1>Error response</h1>\r\n"
                + "<p>Error code " + status + ".</p>\r\n<p>Message: " + reason + ".</p>\r\n</body></html>\r\n";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.write(true, ByteBuffer.wrap(page.getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
