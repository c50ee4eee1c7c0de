package io.jsupervisor.config.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an {@code [fcgi-program:x]} worker receives its group's listening socket
 * ({@code socket_handoff=}, a jsupervisor option).
 */
public enum SocketHandoff {
    /** As fd 0, in place of stdin, as supervisord hands it over (the default). */
    STDIN("stdin"),
    /**
     * As fd 3 with {@code LISTEN_FDS=1}, {@code LISTEN_PID} set to the worker's own pid and
     * {@code LISTEN_FDNAMES} to the group's name, as systemd socket activation does; stdin stays a pipe.
     */
    SYSTEMD("systemd");

    private final String configValue;

    SocketHandoff(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The setting a value of the option names, if it names one. */
    public static Optional<SocketHandoff> of(String value) {
        return Arrays.stream(values()).filter(h -> h.configValue.equals(value)).findFirst();
    }
}
