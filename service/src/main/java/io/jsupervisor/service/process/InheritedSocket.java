package io.jsupervisor.service.process;

import io.jsupervisor.config.model.SocketHandoff;

/**
 * The listening socket a FastCGI worker is started with: the daemon's descriptor for it and how the
 * worker receives it.
 *
 * <p>Immutable value.
 */
public record InheritedSocket(int fd, SocketHandoff handoff) {
}
