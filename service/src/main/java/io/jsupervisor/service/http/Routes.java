package io.jsupervisor.service.http;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every request's way in: the credentials of the server it came to are checked first (when that
 * server has any, for every path, as supervisord wraps each of its handlers), then the path picks
 * the endpoint, in supervisord's order: {@code /RPC2}, {@code /logtail}, {@code /mainlogtail}, then
 * the dashboard's {@code /api/} and its page; anything else is 404.
 *
 * <p>Immutable and thread-safe; runs on Jetty's threads and never blocks.
 */
final class Routes extends Handler.Abstract.NonBlocking {
    private static final String RPC_PREFIX = "/RPC2";

    /** Each connector's authentication; empty for a server configured without credentials. */
    private final Map<Connector, Optional<BasicAuth>> guards;
    private final Request.Handler rpc;
    private final Request.Handler processLogTail;
    private final Request.Handler mainLogTail;
    private final Request.Handler dashboardApi;
    private final Request.Handler dashboardPage;

    Routes(Map<Connector, Optional<BasicAuth>> guards, Request.Handler rpc, Request.Handler processLogTail,
           Request.Handler mainLogTail, Request.Handler dashboardApi, Request.Handler dashboardPage) {
        this.guards = Map.copyOf(guards);
        this.rpc = rpc;
        this.processLogTail = processLogTail;
        this.mainLogTail = mainLogTail;
        this.dashboardApi = dashboardApi;
        this.dashboardPage = dashboardPage;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<BasicAuth> guard = guards.get(request.getConnectionMetaData().getConnector());
        if (guard.isPresent()) {
            BasicAuth.Verdict verdict = guard.get().check(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (verdict == BasicAuth.Verdict.MALFORMED) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
                return true;
            }
            if (verdict == BasicAuth.Verdict.DENIED) {
                // As supervisord: the connection ends, so an unread body cannot pass for a request.
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"default\"");
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401);
                return true;
            }
        }
        return route(Request.getPathInContext(request)).handle(request, response, callback);
    }

    private Request.Handler route(String path) {
        if (path.startsWith(RPC_PREFIX)) {
            return rpc;
        }
        if (path.startsWith(ProcessLogTail.PREFIX)) {
            return processLogTail;
        }
        if (path.startsWith(MainLogTail.PREFIX)) {
            return mainLogTail;
        }
        if (path.startsWith(DashboardApi.PREFIX)) {
            return dashboardApi;
        }
        if (DashboardPage.serves(path)) {
            return dashboardPage;
        }
        return (request, response, callback) -> {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        };
    }
}
