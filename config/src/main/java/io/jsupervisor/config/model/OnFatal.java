package io.jsupervisor.config.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the daemon does when a process of the program gives up and enters FATAL ({@code on_fatal=},
 * a jsupervisor option; supervisord ignores it).
 */
public enum OnFatal {
    /** Nothing: the process stays FATAL until started again, as under supervisord (the default). */
    IGNORE("ignore"),
    /**
     * Stop every program, as on SIGTERM, and exit with status 1: a container's orchestrator then
     * restarts the container.
     */
    SHUTDOWN("shutdown");

    private final String configValue;

    OnFatal(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The setting a value of the option names, if it names one. */
    public static Optional<OnFatal> of(String value) {
        return Arrays.stream(values()).filter(h -> h.configValue.equals(value)).findFirst();
    }
}
