package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One of the HTTP servers that serve XML-RPC, log tails and the web page: {@code [unix_http_server]}
 * or {@code [inet_http_server]} (more than one of each may be given, as {@code [inet_http_server:name]}).
 *
 * <p>Immutable values.
 */
public sealed interface HttpServerConfig permits HttpServerConfig.Unix, HttpServerConfig.Inet {

    /** The section that configured this server, e.g. {@code unix_http_server}. */
    String section();

    Optional<Credentials> credentials();

    /** A server on a unix domain socket file. */
    record Unix(String section, Path file, int chmod, Optional<FileOwner> chown, Optional<Credentials> credentials)
            implements HttpServerConfig {
    }

    /** A server on a TCP port; an empty host means every interface. */
    record Inet(String section, String host, int port, Optional<Credentials> credentials) implements HttpServerConfig {
    }
}
