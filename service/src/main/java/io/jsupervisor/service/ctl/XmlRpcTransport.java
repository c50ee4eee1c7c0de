package io.jsupervisor.service.ctl;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jsupervisor.service.daemon.Version;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import io.jsupervisor.service.xmlrpc.XmlRpcFormatException;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * {@link Rpc} over HTTP: each call is a {@code POST /RPC2} with {@code Content-Type: text/xml} and
 * Basic auth when credentials are set, on one connection kept open between calls while the server
 * allows it.
 *
 * <p>Not thread-safe: one per command on the command's thread; {@link #close()} ends the connection.
 */
final class XmlRpcTransport implements Rpc {
    private final ServerAddress address;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpConnection connection;

    XmlRpcTransport(ServerAddress address, Credentials credentials) {
        this.address = address;
        headers.put("Host", address.hostHeader());
        headers.put("User-Agent", "jsupervisorctl/" + Version.current());
        headers.put("Content-Type", "text/xml");
        headers.put("Accept", "text/xml");
        credentials.authorization().ifPresent(value -> headers.put("Authorization", value));
    }

    @Override
    public Object call(String method, List<?> params) throws IOException, XmlRpcFault {
        byte[] request = XmlRpcWriter.call(method, params);
        byte[] body = exchange(request);
        try {
            return XmlRpcReader.readResponse(new ByteArrayInputStream(body));
        } catch (XmlRpcFormatException e) {
            throw new MalformedResponseException(e.getMessage());
        }
    }

    /** Posts {@code request}; a kept-open connection the server has meanwhile closed is replaced once. */
    private byte[] exchange(byte[] request) throws IOException {
        boolean reused = connection != null;
        if (!reused) {
            connection = HttpConnection.open(address);
        }
        HttpResponse head;
        try {
            connection.send("POST", "/RPC2", headers, request);
            head = connection.readHead();
        } catch (IOException e) {
            close();
            if (!reused || !(e instanceof EOFException || isBrokenConnection(e))) {
                throw e;
            }
            connection = HttpConnection.open(address);
            connection.send("POST", "/RPC2", headers, request);
            head = connection.readHead();
        }
        try {
            byte[] body = connection.readBody(head);
            if (head.status() != 200) {
                throw new HttpStatusException(head.status(), head.reason());
            }
            if (!head.keepAlive()) {
                close();
            }
            return body;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private static boolean isBrokenConnection(IOException e) {
        return OsError.of(e).map(error -> error == OsError.EPIPE || error == OsError.ECONNRESET).orElse(false);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing a socket we are done with; nothing is lost
            }
            connection = null;
        }
    }
}
