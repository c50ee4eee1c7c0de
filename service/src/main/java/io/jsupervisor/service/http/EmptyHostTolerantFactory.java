package io.jsupervisor.service.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that take an empty {@code Host} header as no {@code Host} header at all.
 * supervisorctl's {@code tail -f} sends {@code Host: } (empty) when it talks over a unix socket, and
 * supervisord accepts it; Jetty answers such requests 400 ("Blank Host") and offers no setting to
 * allow them, so the header is dropped as it is parsed and the request gets the configured server
 * authority instead.
 *
 * <p>Jetty's {@code HttpConnection} lives in its {@code internal} package: this is the one place
 * that depends on it, and the tests that send an empty {@code Host} catch any change.
 *
 * <p>Thread-safe, as Jetty's factories are.
 */
final class EmptyHostTolerantFactory extends HttpConnectionFactory {

    EmptyHostTolerantFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected RequestHandler newRequestHandler() {
                return new RequestHandler() {
                    @Override
                    public void parsedHeader(HttpField field) {
                        if (field.getHeader() != HttpHeader.HOST || !field.getValue().isBlank()) {
                            super.parsedHeader(field);
                        }
                    }
                };
            }
        };
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }
}
