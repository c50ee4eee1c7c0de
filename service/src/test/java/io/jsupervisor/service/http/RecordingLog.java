package io.jsupervisor.service.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;

/** Test double of the main log: keeps every line as {@code CODE message}, e.g. {@code CRIT Server ...}. */
final class RecordingLog implements SupervisorLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(LogLevel level, String message) {
        lines.add(level.code() + " " + message);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
