package io.jsupervisor.service.rpc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.model.Configuration;

/**
 * What the {@code supervisor} namespace needs from the daemon around the supervisor: who it is,
 * its main log, and how to read the configuration again.
 *
 * <p>Implementations are thread-safe; they are called on HTTP threads.
 */
public interface DaemonFacts {

    /** {@code [supervisord] identifier} (or {@code -i}). */
    String identifier();

    /** The daemon's version, answered by {@code getSupervisorVersion}. */
    String version();

    int pid();

    /** The main log file, when the main log is a file. */
    Optional<Path> mainLog();

    /** Deletes the main log file and starts it again. */
    void clearMainLog() throws IOException;

    /** Reads the configuration file again, as at start (same file, same command-line overrides). */
    Configuration reload() throws ConfigException;
}
