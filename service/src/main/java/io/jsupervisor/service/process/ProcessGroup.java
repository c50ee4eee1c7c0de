package io.jsupervisor.service.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.service.io.ChannelLog;

/**
 * A group of supervised processes, started, stopped and replaced as one unit, with the log files
 * of its processes and, for an fcgi-program, the listening socket they share, or, for an event
 * listener, the pool that feeds them events.
 *
 * <p>Confined to the control thread, except its logs, which the I/O thread writes.
 */
public final class ProcessGroup {
    private final GroupConfig config;
    private final List<SupervisedProcess> processes;
    private final Map<String, ProcessLogs> logsByProcess;
    private final Optional<GroupSocket> socket;
    private final Optional<EventListenerPool> pool;

    /**
     * @param logsByProcess the logs of each process, by process name
     * @param pool the event listener pool the processes form, for an {@code [eventlistener:x]}
     */
    public ProcessGroup(GroupConfig config, List<SupervisedProcess> processes, Map<String, ProcessLogs> logsByProcess,
                        Optional<GroupSocket> socket, Optional<EventListenerPool> pool) {
        this.config = config;
        this.processes = List.copyOf(processes);
        this.logsByProcess = Map.copyOf(logsByProcess);
        this.socket = socket;
        this.pool = pool;
    }

    /** The event listener pool of an eventlistener group. */
    public Optional<EventListenerPool> pool() {
        return pool;
    }

    /** The listening socket of an fcgi-program group. */
    public Optional<GroupSocket> socket() {
        return socket;
    }

    public GroupConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** The processes in the configuration's order (priority, then name). */
    public List<SupervisedProcess> processes() {
        return processes;
    }

    /** The process called {@code name}, if the group has one. */
    public Optional<SupervisedProcess> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The logs of {@code process}, a process of this group. */
    public ProcessLogs logs(SupervisedProcess process) {
        return logsByProcess.get(process.name());
    }

    /** Every log of the group, stdout then stderr of each process in order. */
    public List<ChannelLog> logs() {
        List<ChannelLog> all = new ArrayList<>();
        for (SupervisedProcess process : processes) {
            all.add(logs(process).stdout());
            all.add(logs(process).stderr());
        }
        return all;
    }

    /** Stops every process, highest priority number first; one waiting to retry is given up instead. */
    public void stopAll() {
        List<SupervisedProcess> byPriority = new ArrayList<>(processes);
        byPriority.sort(Comparator.comparingInt((SupervisedProcess p) -> p.config().priority()).reversed());
        for (SupervisedProcess p : byPriority) {
            switch (p.state()) {
                case RUNNING, STARTING -> p.stop();
                case BACKOFF -> p.giveUp();
                default -> { }
            }
        }
    }

    /** The processes not in a stopped state. */
    public List<SupervisedProcess> unstopped() {
        return processes.stream().filter(p -> !p.state().isStopped()).toList();
    }

    /** Closes the group's log files; call on the I/O thread once no child writes to them. */
    public void closeLogs() throws IOException {
        for (ChannelLog log : logs()) {
            log.close();
        }
    }
}
