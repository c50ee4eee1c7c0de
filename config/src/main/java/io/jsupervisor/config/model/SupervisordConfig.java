package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.host.Account;

/**
 * The {@code [supervisord]} section with command-line options applied over it: the daemon's own
 * log, pidfile, limits, user, directories and the environment every program inherits.
 * {@code logfile} is absolute, or the word {@code syslog}. {@code subreaper} is jsupervisor's own.
 *
 * <p>Immutable value.
 */
public record SupervisordConfig(
        String logfile,
        long logfileMaxbytes,
        int logfileBackups,
        LogLevel loglevel,
        Path pidfile,
        int umask,
        boolean nodaemon,
        boolean silent,
        int minfds,
        int minprocs,
        boolean nocleanup,
        Path childlogdir,
        Optional<Account> user,
        Optional<Path> directory,
        boolean stripAnsi,
        Map<String, String> environment,
        String identifier,
        boolean subreaper) {

    public SupervisordConfig {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
