package io.jsupervisor.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code /} and {@code /index.html}: the dashboard (docs/dashboard.md). The page itself is written
 * here with every process as a plain table (name, state, description) that reloads itself every
 * {@value #REFRESH_SECONDS} seconds when scripts are off; its script ({@code /static/dashboard.js})
 * replaces that with the live table and the actions, through {@link DashboardApi}. The page carries
 * the token the API wants on every action. {@code /static/...} serves the script and style sheet
 * from the jar. GET, HEAD and POST get the page (supervisord's page took its actions by POST);
 * other methods 400, as supervisord answers.
 *
 * <p>Thread-safe; never blocks: the page is written when the rows arrive, on an HTTP thread.
 */
final class DashboardPage implements Request.Handler {
    static final String STATIC_PREFIX = "/static/";
    private static final int REFRESH_SECONDS = 5;
    /** Only the page's own script and style; no inline code, no other site, no framing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final Map<String, String> ASSETS = Map.of("dashboard.js", "text/javascript;charset=utf-8",
            "dashboard.css", "text/css;charset=utf-8");

    private final Supplier<CompletableFuture<List<ProcessRow>>> rows;
    private final String token;
    private final SupervisorLog log;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    DashboardPage(Supplier<CompletableFuture<List<ProcessRow>>> rows, String token, SupervisorLog log) {
        this.rows = rows;
        this.token = token;
        this.log = log;
    }

    static boolean serves(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith(STATIC_PREFIX);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        if (path.startsWith(STATIC_PREFIX)) {
            return asset(path.substring(STATIC_PREFIX.length()), request, response, callback);
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) && !HttpMethod.POST.is(method)) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        rows.get().whenCompleteAsync((list, failure) -> {
            if (failure == null) {
                secure(response, "no-store");
                WholeBody.send(render(list, token).getBytes(StandardCharsets.UTF_8), "text/html;charset=utf-8",
                        response, callback);
            } else {
                log.log(LogLevel.ERROR, "Server Error: cannot list the processes: " + failure);
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            }
        }, request.getComponents().getExecutor());
        return true;
    }

    private boolean asset(String name, Request request, Response response, Callback callback) {
        String type = ASSETS.get(name);
        if (type == null || !(HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod()))) {
            Response.writeError(request, response, callback, type == null ? HttpStatus.NOT_FOUND_404
                    : HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        byte[] body = assets.computeIfAbsent(name, DashboardPage::load);
        secure(response, "no-cache");
        WholeBody.send(body, type, response, callback);
        return true;
    }

    private static byte[] load(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream("dashboard/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(name + " is missing from the jar", e);
        }
    }

    private static void secure(Response response, String caching) {
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, caching);
    }

    static String render(List<ProcessRow> list, String token) {
        StringBuilder page = new StringBuilder(1024 + 128 * list.size())
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS)
                .append("\"></noscript>")
                .append("<meta name=\"csrf-token\" content=\"").append(escape(token)).append("\">")
                .append("<title>jsupervisor</title>")
                .append("<link rel=\"stylesheet\" href=\"static/dashboard.css\">")
                .append("<script src=\"static/dashboard.js\" defer></script></head>\n<body>\n")
                .append("<header><h1>jsupervisor</h1><div id=\"supervisor\"></div></header>\n<main>\n")
                .append("<table id=\"static-status\">\n")
                .append("<tr><th>Name</th><th>State</th><th>Description</th></tr>\n");
        for (ProcessRow row : list) {
            page.append("<tr><td>").append(escape(row.namespec()))
                    .append("</td><td>").append(escape(row.statename()))
                    .append("</td><td>").append(escape(row.description())).append("</td></tr>\n");
        }
        return page.append("</table>\n</main>\n</body></html>\n").toString();
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
