package io.jsupervisor.service.daemon;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jsupervisor.config.model.HttpServerConfig;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.service.rpc.RpcDispatcher;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/** SCRATCH: replaced by the http package. */
final class TemporaryRpcServer {
    static Server start(Configuration config, RpcDispatcher dispatcher) throws Exception {
        Server server = new Server();
        for (HttpServerConfig c : config.httpServers()) {
            if (c instanceof HttpServerConfig.Unix u) {
                Files.deleteIfExists(u.file());
                UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
                connector.setUnixDomainPath(u.file());
                server.addConnector(connector);
            }
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asInputStream(request).readAllBytes();
                dispatcher.handle(body).whenComplete((bytes, failure) -> {
                    if (failure != null) {
                        Response.writeError(request, response, callback, 500);
                        return;
                    }
                    response.getHeaders().put("Content-Type", "text/xml");
                    response.write(true, ByteBuffer.wrap(bytes), callback);
                });
                return true;
            }
        });
        server.start();
        return server;
    }
}
