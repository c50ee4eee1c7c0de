package io.jsupervisor.config.model;

/**
 * When a program that exited on its own is started again ({@code autorestart=}).
 */
public enum Autorestart {
    /** {@code false}: never. */
    NEVER("false"),
    /** {@code unexpected}: when the exit status is not one of {@code exitcodes}. */
    UNEXPECTED("unexpected"),
    /** {@code true}: always. */
    ALWAYS("true");

    private final String configValue;

    Autorestart(String configValue) {
        this.configValue = configValue;
    }

    /** The word supervisord's documentation uses for this setting. */
    public String configValue() {
        return configValue;
    }
}
