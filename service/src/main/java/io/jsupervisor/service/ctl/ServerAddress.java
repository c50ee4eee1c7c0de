package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where supervisord listens, from a {@code serverurl}: a unix socket ({@code unix:///path}) or a TCP
 * port ({@code http://host:port}, port 80 when none is given), and the {@code Host} header that
 * goes with it.
 *
 * <p>Immutable values.
 */
sealed interface ServerAddress permits ServerAddress.Unix, ServerAddress.Tcp {

    /**
     * The address of {@code serverurl}.
     *
     * @throws IllegalArgumentException with supervisorctl's message when the URL is neither
     *         {@code http://} nor {@code unix://}, or its port is not a port
     */
    static ServerAddress of(String serverurl) {
        if (serverurl.startsWith("http://")) {
            PythonUrl url = PythonUrl.split(serverurl);
            return new Tcp(url.hostname(), url.port().orElse(80));
        }
        if (serverurl.startsWith("unix://")) {
            return new Unix(Path.of(serverurl.substring("unix://".length())));
        }
        throw new IllegalArgumentException("Unknown protocol for serverurl " + serverurl);
    }

    /** Opens a blocking connection. */
    SocketChannel connect() throws IOException;

    /** The {@code Host} header for requests on this connection. */
    String hostHeader();

    /** A unix socket; requests name {@code localhost} as supervisorctl's do. */
    record Unix(Path path) implements ServerAddress {
        @Override
        public SocketChannel connect() throws IOException {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public String hostHeader() {
            return "localhost";
        }
    }

    /** A TCP port; a null host means the loopback address, as Python connects then. */
    record Tcp(String host, int port) implements ServerAddress {
        /** Tries each address the name resolves to, in order, and reports the first failure if none answers. */
        @Override
        public SocketChannel connect() throws IOException {
            IOException first = null;
            for (InetAddress address : InetAddress.getAllByName(host)) {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.connect(new InetSocketAddress(address, port));
                    return channel;
                } catch (IOException e) {
                    channel.close();
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public String hostHeader() {
            String name = host == null ? "localhost" : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return port == 80 ? name : name + ":" + port;
        }
    }
}
