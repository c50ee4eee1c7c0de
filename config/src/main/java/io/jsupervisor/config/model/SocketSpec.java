package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The listening socket of an {@code [fcgi-program:x]}: {@code tcp://host:port} or
 * {@code unix:///absolute/path}, with its listen backlog.
 *
 * <p>Immutable values.
 */
public sealed interface SocketSpec permits SocketSpec.Tcp, SocketSpec.Unix {

    /** {@code SOMAXCONN} as supervisord's Python reports it on Linux, the backlog when none is set. */
    int DEFAULT_BACKLOG = 4096;

    /** The socket's URL as supervisord prints it. */
    String url();

    int backlog();

    /** {@code tcp://host:port}. */
    record Tcp(String host, int port, int backlog) implements SocketSpec {
        @Override
        public String url() {
            return "tcp://" + host + ":" + port;
        }
    }

    /** {@code unix:///path}, with the owner and mode given to the socket file. */
    record Unix(Path path, Optional<FileOwner> owner, int mode, int backlog) implements SocketSpec {
        @Override
        public String url() {
            return "unix://" + path;
        }
    }
}
