package io.jsupervisor.config.model;

import java.util.List;

/**
 * A group of ordinary processes: the {@code numprocs} processes of one {@code [program:x]} (a
 * homogeneous group named after the program), or the processes of the programs a {@code [group:x]}
 * section lists (a heterogeneous group).
 *
 * <p>Immutable value.
 */
public record ProgramGroupConfig(String name, int priority, List<ProcessConfig> processes) implements GroupConfig {

    public ProgramGroupConfig {
        processes = List.copyOf(processes);
    }
}
