package io.jsupervisor.service.log;

import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The supervisor's main log as an SLF4J logger: supervisord's seven levels map onto SLF4J's five,
 * with a marker telling CRIT from ERRO and BLAT from TRAC, so {@link MainLogAppender} can write
 * supervisord's level names and apply its threshold.
 *
 * <p>Thread-safe.
 */
public final class MainLog implements SupervisorLog {
    static final Marker CRITICAL = MarkerFactory.getMarker("CRIT");
    static final Marker BLATHER = MarkerFactory.getMarker("BLAT");
    /** The logger every supervisor line goes to. */
    static final String LOGGER = "jsupervisor";

    private final Logger logger = LoggerFactory.getLogger(LOGGER);
    private final LogLevel threshold;

    /** @param threshold the configured {@code loglevel}; lines below it are not even formatted */
    public MainLog(LogLevel threshold) {
        this.threshold = threshold;
    }

    @Override
    public void log(LogLevel level, String message) {
        switch (level) {
            case CRITICAL -> logger.error(CRITICAL, message);
            case ERROR -> logger.error(message);
            case WARN -> logger.warn(message);
            case INFO -> logger.info(message);
            case DEBUG -> logger.debug(message);
            case TRACE -> logger.trace(message);
            case BLATHER -> logger.trace(BLATHER, message);
            default -> throw new IllegalArgumentException(level.name());
        }
    }

    @Override
    public boolean enabled(LogLevel level) {
        return level.number() >= threshold.number();
    }
}
