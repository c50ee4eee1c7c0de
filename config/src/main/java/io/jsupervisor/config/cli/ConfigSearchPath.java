package io.jsupervisor.config.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the daemon looks for its configuration when {@code -c} is not given: supervisord's list,
 * with jsupervisor's installation directory standing for the directory above supervisord's
 * executable, and {@code <home>/etc/jsupervisord.conf} (the distribution's own file) first.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigSearchPath {
    private ConfigSearchPath() {
    }

    /** The places searched, in order, for an installation at {@code home} and a working directory {@code cwd}. */
    public static List<Path> candidates(Path home, Path cwd) {
        return List.of(
                home.resolve("etc/jsupervisord.conf"),
                home.resolve("etc/supervisord.conf"),
                home.resolve("supervisord.conf"),
                cwd.resolve("supervisord.conf"),
                cwd.resolve("etc/supervisord.conf"),
                Path.of("/etc/supervisord.conf"),
                Path.of("/etc/supervisor/supervisord.conf"));
    }

    /** The first candidate that exists. */
    public static Optional<Path> find(Path home, Path cwd) {
        return candidates(home, cwd).stream().filter(Files::exists).findFirst();
    }
}
