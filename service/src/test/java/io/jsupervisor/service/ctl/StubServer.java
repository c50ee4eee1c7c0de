package io.jsupervisor.service.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test HTTP server on a unix socket or a loopback TCP port: records each request's head (and body)
 * and answers with the raw bytes a script gives for the n-th request (0-based), then keeps the
 * connection open, closes it, or resets it as the script says. Each connection runs on its own thread.
 */
final class StubServer implements AutoCloseable {
    /** The answer to one request: bytes, then the connection kept open or closed; or no answer but a reset. */
    record Reply(byte[] bytes, boolean close, boolean reset) {
        static Reply of(String text, boolean close) {
            return new Reply(text.getBytes(StandardCharsets.UTF_8), close, false);
        }

        /** Abort the connection: on TCP the client's next read fails with "Connection reset". */
        static Reply abort() {
            return new Reply(new byte[0], true, true);
        }
    }

    /** Gives the reply to the n-th request. */
    interface Script {
        Reply reply(int n, String head) throws IOException;
    }

    private final ServerSocketChannel server;
    private final Script script;
    private final String url;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<SocketChannel> open = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    private StubServer(ServerSocketChannel server, String url, Script script) {
        this.server = server;
        this.url = url;
        this.script = script;
        this.acceptor = new Thread(this::accept, "stub-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static StubServer unix(Path socket, Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new StubServer(server, "unix://" + socket, script);
    }

    static StubServer tcp(Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new StubServer(server, "http://127.0.0.1:" + port, script);
    }

    /** A 200 response with an XML-RPC string result, framed by Content-Length. */
    static String xmlRpcString(String value) {
        String body = "<?xml version='1.0'?>\n<methodResponse><params><param><value><string>" + value
                + "</string></value></param></params></methodResponse>\n";
        return "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    String url() {
        return url;
    }

    /** The request heads (and bodies) received so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel channel = server.accept();
                connections.incrementAndGet();
                open.add(channel);
                Thread t = new Thread(() -> serve(channel), "stub-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test closed the server
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                String request = head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
                int n;
                synchronized (requests) {
                    n = requests.size();
                    requests.add(request);
                }
                Reply reply = script.reply(n, request);
                if (reply.reset()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    return;
                }
                out.write(reply.bytes());
                out.flush();
                if (reply.close()) {
                    return;
                }
            }
        } catch (IOException ended) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (SocketChannel channel : open) {
                channel.close();
            }
        }
    }
}
