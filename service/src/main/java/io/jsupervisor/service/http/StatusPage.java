package io.jsupervisor.service.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /} and {@code /index.html}: a plain HTML table of every process (name, state, description)
 * that reloads itself every {@value #REFRESH_SECONDS} seconds; a stand-in until the dashboard comes.
 * GET and HEAD only (405 otherwise).
 *
 * <p>Thread-safe; never blocks: the page is written when the rows arrive, on an HTTP thread.
 */
final class StatusPage implements Request.Handler {
    private static final int REFRESH_SECONDS = 5;

    private final Supplier<CompletableFuture<List<ProcessRow>>> rows;
    private final SupervisorLog log;

    StatusPage(Supplier<CompletableFuture<List<ProcessRow>>> rows, SupervisorLog log) {
        this.rows = rows;
        this.log = log;
    }

    static boolean serves(String path) {
        return path.equals("/") || path.equals("/index.html");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        rows.get().whenCompleteAsync((list, failure) -> {
            if (failure == null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
                response.write(true, ByteBuffer.wrap(render(list).getBytes(StandardCharsets.UTF_8)), callback);
            } else {
                log.log(LogLevel.ERROR, "Server Error: cannot list the processes: " + failure);
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            }
        }, request.getComponents().getExecutor());
        return true;
    }

    static String render(List<ProcessRow> list) {
        StringBuilder page = new StringBuilder(256 + 128 * list.size())
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>Supervisor Status</title></head>\n<body>\n<table>\n")
                .append("<tr><th>Name</th><th>State</th><th>Description</th></tr>\n");
        for (ProcessRow row : list) {
            page.append("<tr><td>").append(escape(row.namespec()))
                    .append("</td><td>").append(escape(row.statename()))
                    .append("</td><td>").append(escape(row.description())).append("</td></tr>\n");
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
