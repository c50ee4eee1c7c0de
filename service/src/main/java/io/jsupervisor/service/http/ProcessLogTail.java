package io.jsupervisor.service.http;

import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /logtail/<namespec>[/stdout|/stderr]}: follows one process's log file (stdout when no
 * channel is named). GET only (400 otherwise, as supervisord answers); 404 for an unknown process, a
 * channel without a file, or a file not written yet.
 *
 * <p>Thread-safe; never blocks.
 */
final class ProcessLogTail implements Request.Handler {
    static final String PREFIX = "/logtail";
    private static final Set<String> CHANNELS = Set.of("stdout", "stderr");

    private final LogFiles files;
    private final SupervisorLog log;

    ProcessLogTail(LogFiles files, SupervisorLog log) {
        this.files = files;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        // The path is already percent-decoded (UTF-8), so names outside ASCII arrive whole.
        String rest = Request.getPathInContext(request).substring(PREFIX.length());
        if (!rest.startsWith("/")) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        String[] parts = rest.substring(1).split("/", 2);
        String namespec = parts[0];
        String channel = parts.length == 2 ? parts[1] : "stdout";
        if (!CHANNELS.contains(channel)) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        files.processLog(namespec, channel).whenCompleteAsync((file, failure) -> {
            if (failure == null && file.isPresent()) {
                TailStream.follow(file.get(), true, request, response, callback);
            } else if (failure == null || unknownProcess(failure)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            } else {
                log.log(LogLevel.ERROR, "Server Error: cannot find the log of " + namespec + ": " + failure);
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            }
        }, request.getComponents().getExecutor());
        return true;
    }

    private static boolean unknownProcess(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof NoSuchElementException;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
