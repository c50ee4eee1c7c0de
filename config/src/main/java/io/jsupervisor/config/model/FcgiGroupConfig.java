package io.jsupervisor.config.model;

import java.util.List;

/**
 * The workers of one {@code [fcgi-program:x]}, the listening socket they all receive, and how they
 * receive it (fd 0 unless {@code socket_handoff} says otherwise). Unlike supervisord, equality covers
 * the whole socket specification (owner, mode and backlog too), so reread notices a change to any of them.
 *
 * <p>Immutable value.
 */
public record FcgiGroupConfig(String name, int priority, List<ProcessConfig> processes, SocketSpec socket,
                              SocketHandoff handoff)
        implements GroupConfig {

    public FcgiGroupConfig {
        processes = List.copyOf(processes);
    }
}
