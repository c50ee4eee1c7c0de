package io.jsupervisor.service.process;

import io.jsupervisor.config.model.LogLevel;

/**
 * The supervisor's main log, as the state machine writes to it: one line per call, at one of
 * supervisord's levels. The texts are supervisord's, word for word, so runbooks and greps keep
 * working.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface SupervisorLog {
    void log(LogLevel level, String message);

    /** Whether lines at {@code level} are kept, so callers can skip building costly ones. */
    default boolean enabled(LogLevel level) {
        return true;
    }
}
