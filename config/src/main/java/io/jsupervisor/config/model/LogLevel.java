package io.jsupervisor.config.model;

import java.util.Locale;
import java.util.Optional;

/**
 * supervisord's log levels, with their numbers, the word used in configuration and the four-letter
 * code written in the main log.
 */
public enum LogLevel {
    CRITICAL(50, "CRIT", "critical"),
    ERROR(40, "ERRO", "error"),
    WARN(30, "WARN", "warn"),
    INFO(20, "INFO", "info"),
    DEBUG(10, "DEBG", "debug"),
    TRACE(5, "TRAC", "trace"),
    BLATHER(3, "BLAT", "blather");

    private final int number;
    private final String code;
    private final String configName;

    LogLevel(int number, String code, String configName) {
        this.number = number;
        this.code = code;
        this.configName = configName;
    }

    public int number() {
        return number;
    }

    /** The four-letter code of the main log's lines, e.g. {@code DEBG}. */
    public String code() {
        return code;
    }

    /** The word for this level in {@code loglevel=}, e.g. {@code debug}. */
    public String configName() {
        return configName;
    }

    /** The level for a {@code loglevel=} word, case-insensitively. */
    public static Optional<LogLevel> fromConfigName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (LogLevel level : values()) {
            if (level.configName.equals(lower)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
