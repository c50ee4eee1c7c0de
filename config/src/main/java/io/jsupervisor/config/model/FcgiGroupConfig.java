package io.jsupervisor.config.model;

import java.util.List;

/**
 * The workers of one {@code [fcgi-program:x]} and the listening socket they all receive as fd 0.
 * Unlike supervisord, equality covers the whole socket specification (owner, mode and backlog too),
 * so reread notices a change to any of them.
 *
 * <p>Immutable value.
 */
public record FcgiGroupConfig(String name, int priority, List<ProcessConfig> processes, SocketSpec socket)
        implements GroupConfig {

    public FcgiGroupConfig {
        processes = List.copyOf(processes);
    }
}
