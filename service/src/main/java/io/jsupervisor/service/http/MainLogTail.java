package io.jsupervisor.service.http;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /mainlogtail}: follows the supervisor's own log. GET only (400 otherwise); 404 when the main
 * log is not a file (syslog, stdout) or does not exist.
 *
 * <p>Thread-safe; never blocks.
 */
final class MainLogTail implements Request.Handler {
    static final String PREFIX = "/mainlogtail";

    private final LogFiles files;

    MainLogTail(LogFiles files) {
        this.files = files;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        Optional<Path> file = files.mainLog();
        if (file.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        } else {
            TailStream.follow(file.get(), false, request, response, callback);
        }
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
