package io.jsupervisor.service.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to start: the executable's path (already resolved), its argument vector (argv[0] first),
 * its environment as {@code KEY=value} entries, an optional working directory, the parent's file
 * descriptors that become the child's 0, 1 and 2, and optionally one that becomes its 3 (a listening
 * socket handed over systemd's way). The child gets no other descriptor, a process group of its own,
 * an empty signal mask and default signal dispositions.
 *
 * <p>Immutable value.
 */
public record SpawnRequest(Path executable, List<String> argv, List<String> environment, Optional<Path> directory,
                           int stdin, int stdout, int stderr, OptionalInt fd3) {

    public SpawnRequest {
        argv = List.copyOf(argv);
        environment = List.copyOf(environment);
    }
}
