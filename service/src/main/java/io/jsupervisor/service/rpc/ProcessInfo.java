package io.jsupervisor.service.rpc;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import io.jsupervisor.service.process.ProcessGroup;
import io.jsupervisor.service.process.ProcessLogs;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.state.ProcessState;

/**
 * The process info struct of {@code getProcessInfo}, with supervisord's keys in supervisord's order
 * and its human description ({@code pid 1234, uptime 1 day, 2:03:04}, a spawn error, the local
 * time of the last stop, or {@code Not started}).
 *
 * <p>Stateless; call on the control thread, which owns the process.
 */
final class ProcessInfo {
    private static final DateTimeFormatter STOP_TIME = DateTimeFormatter.ofPattern("MMM dd hh:mm a", Locale.US);

    private ProcessInfo() {
    }

    static Map<String, Object> of(ProcessGroup group, SupervisedProcess process, long nowMillis, ZoneId zone) {
        ProcessLogs logs = group.logs(process);
        String stdout = logs.file("stdout").map(Path::toString).orElse("");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", process.name());
        info.put("group", group.name());
        info.put("start", seconds(process.laststartWallMillis()));
        info.put("stop", seconds(process.laststopWallMillis()));
        info.put("now", seconds(nowMillis));
        info.put("state", process.state().code());
        info.put("statename", process.state().name());
        info.put("spawnerr", process.spawnerr().orElse(""));
        info.put("exitstatus", process.exitstatus().orElse(0));
        info.put("logfile", stdout);
        info.put("stdout_logfile", stdout);
        info.put("stderr_logfile", logs.file("stderr").map(Path::toString).orElse(""));
        info.put("pid", process.pid());
        info.put("description", description(process, nowMillis, zone));
        return info;
    }

    static String description(SupervisedProcess process, long nowMillis, ZoneId zone) {
        ProcessState state = process.state();
        if (state == ProcessState.RUNNING) {
            long uptime = Math.max(0, seconds(nowMillis) - seconds(process.laststartWallMillis()));
            return "pid " + process.pid() + ", uptime " + timedelta(uptime);
        }
        if (state == ProcessState.FATAL || state == ProcessState.BACKOFF) {
            return process.spawnerr().filter(s -> !s.isEmpty())
                    .orElse("unknown error (try \"tail " + process.name() + "\")");
        }
        if (state == ProcessState.STOPPED || state == ProcessState.EXITED) {
            if (process.laststartWallMillis() == 0) {
                return "Not started";
            }
            return STOP_TIME.format(Instant.ofEpochMilli(process.laststopWallMillis()).atZone(zone));
        }
        return "";
    }

    /** A duration as Python prints a {@code timedelta}: {@code 0:00:13}, {@code 1 day, 2:03:04}. */
    static String timedelta(long seconds) {
        long days = seconds / 86_400;
        long rest = seconds % 86_400;
        // Built by hand: String.format costs more than the rest of a getAllProcessInfo entry.
        String clock = rest / 3600 + ":" + twoDigits(rest % 3600 / 60) + ":" + twoDigits(rest % 60);
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** Epoch seconds, capped to the XML-RPC int range as supervisord caps them. */
    static int seconds(long epochMillis) {
        return capped(epochMillis / 1000);
    }

    /** A number clamped to the XML-RPC int range. */
    static int capped(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
