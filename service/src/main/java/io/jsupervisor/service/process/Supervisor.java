package io.jsupervisor.service.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.ConfigDiff;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.OnFatal;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.fcgi.SocketCalls;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.Scheduler;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.event.ProcessGroupEvent;
import io.jsupervisor.service.event.ProcessStateEvent;
import io.jsupervisor.service.event.SupervisorStateEvent;
import io.jsupervisor.service.event.Ticker;
import io.jsupervisor.service.io.ChannelEvents;
import io.jsupervisor.service.io.ChannelLog;
import io.jsupervisor.service.io.ChildLogFiles;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.io.RotatingLogFile;
import io.jsupervisor.service.state.ProcessState;
import io.jsupervisor.service.state.SupervisorState;

/**
 * The supervisor: its process groups, their start in priority order, signals handled as supervisord
 * handles them, and the ordered shutdown (one group at a time, highest priority number first, each
 * fully stopped before the next). {@link #finished()} completes once every process has stopped after
 * a shutdown or restart request, with the state that was requested.
 *
 * <p>Confined to the control thread.
 */
public final class Supervisor {
    private static final long SHUTDOWN_REPORT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Configuration config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ProcessLauncher launcher;
    private final IoLoop io;
    private final SupervisorLog log;
    private final Consumer<String> syslog;
    private final SocketCalls sockets;
    private final EventBus events;
    private final Ticker ticker;
    /** The active groups, in start order. */
    private final Map<String, ProcessGroup> groups = new LinkedHashMap<>();
    /** The groups of the configuration last read, active or not (supervisord's stored group configs). */
    private List<GroupConfig> available;
    private final List<ProcessListener> listeners = new ArrayList<>();
    private final CompletableFuture<SupervisorState> finished = new CompletableFuture<>();
    private final List<Runnable> logReopeners = new ArrayList<>();
    private Runnable childQuit = () -> { };
    private SupervisorState state = SupervisorState.RUNNING;
    /** 1 once a process with {@code on_fatal=shutdown} went FATAL and shut the daemon down. */
    private volatile int exitStatus;
    private List<ProcessGroup> stopOrder;
    /** Whether {@link #stopNextGroups} is under way, so a state change it causes does not run it again. */
    private boolean stoppingGroups;
    private Scheduler.Timer shutdownReport;

    /**
     * @param syslog where {@code *_syslog=true} channels send their lines
     * @param sockets what creates the listening sockets of fcgi-program groups
     * @param events where the supervisor publishes its events, and event listener pools take them
     */
    public Supervisor(Configuration config, Clock clock, Scheduler scheduler, ProcessLauncher launcher, IoLoop io,
                      SupervisorLog log, Consumer<String> syslog, SocketCalls sockets, EventBus events) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.io = io;
        this.log = log;
        this.syslog = syslog;
        this.sockets = sockets;
        this.events = events;
        this.ticker = new Ticker(events, clock, scheduler);
        this.available = config.groups();
    }

    public SupervisorState state() {
        return state;
    }

    /** The active groups, in start order (priority, then name). */
    public Collection<ProcessGroup> groups() {
        return groups.values();
    }

    public Optional<ProcessGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The groups of the configuration last read, whether active or not. */
    public List<GroupConfig> availableGroups() {
        return available;
    }

    /** Where the supervisor's events are published; use on the control thread. */
    public EventBus events() {
        return events;
    }

    /** Tells {@code listener} of every state change of every process, after the supervisor's own handling. */
    public void addListener(ProcessListener listener) {
        listeners.add(listener);
    }

    /**
     * Takes the groups of a configuration read again (reread); nothing is started or stopped.
     *
     * @return how they differ from the active groups
     */
    public ConfigDiff reread(Configuration fresh) {
        available = fresh.groups();
        return ConfigDiff.between(groups.values().stream().map(ProcessGroup::config).toList(), available);
    }

    /**
     * Makes a group of the configuration last read active, and starts its {@code autostart} programs
     * as supervisord's next pass would.
     *
     * @return false when a group of that name is already active
     */
    public boolean addGroup(GroupConfig group) throws IOException {
        if (groups.containsKey(group.name())) {
            return false;
        }
        ProcessGroup added = createGroup(group);
        List<ProcessGroup> all = new ArrayList<>(groups.values());
        all.add(added);
        all.sort((a, b) -> GroupConfig.START_ORDER.compare(a.config(), b.config()));
        groups.clear();
        all.forEach(g -> groups.put(g.name(), g));
        events.publish(ProcessGroupEvent.added(group.name()));
        added.processes().forEach(SupervisedProcess::autostart);
        return true;
    }

    /**
     * Drops an active group whose processes are all stopped, closing its listening socket and log files.
     *
     * @return false when one of its processes is still running
     */
    public boolean removeGroup(String name) {
        ProcessGroup group = groups.get(name);
        if (!group.unstopped().isEmpty()) {
            return false;
        }
        groups.remove(name);
        group.pool().ifPresent(EventListenerPool::unsubscribe);
        events.publish(ProcessGroupEvent.removed(name));
        group.socket().ifPresent(GroupSocket::close);
        io.execute(() -> {
            try {
                group.closeLogs();
            } catch (IOException e) {
                log.log(LogLevel.WARN, "cannot close the logs of group " + name + ": " + e.getMessage());
            }
        });
        return true;
    }

    /** The daemon's exit status once {@link #finished()}: 1 when an {@code on_fatal=shutdown} process went FATAL, else 0. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Completes when every process has stopped after {@link #shutdown}, with the requested state. */
    public CompletableFuture<SupervisorState> finished() {
        return finished;
    }

    /** Also done on SIGCHLD (reaping orphans as PID 1); exits of our own children are seen without it. */
    public void onChildQuit(Runnable action) {
        childQuit = action;
    }

    /** Also reopened by SIGUSR2, e.g. the main log. */
    public void alsoReopenOnSignal(Runnable reopener) {
        logReopeners.add(reopener);
    }

    /** Creates every configured group (and its AUTO log files); starts nothing yet. */
    public void addGroups() throws IOException {
        if (!config.supervisord().nocleanup()) {
            ChildLogFiles.clearOld(config.supervisord().childlogdir(), config.supervisord().identifier());
        }
        for (GroupConfig group : config.groups()) {
            groups.put(group.name(), createGroup(group));
            events.publish(ProcessGroupEvent.added(group.name()));
        }
    }

    /**
     * The supervisor is up: announces it (SUPERVISOR_STATE_CHANGE_RUNNING), starts the tick events,
     * and starts every process that should start on its own, groups in priority order.
     */
    public void autostart() {
        events.publish(SupervisorStateEvent.RUNNING);
        ticker.start();
        for (ProcessGroup group : groups.values()) {
            group.processes().forEach(SupervisedProcess::autostart);
        }
    }

    /** Acts on a signal the daemon received, as supervisord does. */
    public void signal(String name) {
        switch (name) {
            case "TERM", "INT", "QUIT" -> {
                log.log(LogLevel.WARN, "received SIG" + name + " indicating exit request");
                shutdown(SupervisorState.SHUTDOWN);
            }
            case "HUP" -> {
                if (state == SupervisorState.SHUTDOWN) {
                    log.log(LogLevel.WARN, "ignored SIGHUP indicating restart request (shutdown in progress)");
                } else {
                    log.log(LogLevel.WARN, "received SIGHUP indicating restart request");
                    shutdown(SupervisorState.RESTARTING);
                }
            }
            case "USR2" -> {
                log.log(LogLevel.INFO, "received SIGUSR2 indicating log reopen request");
                reopenLogs();
            }
            case "CHLD" -> {
                // Logged once the I/O thread has read what the child wrote before it quit, so that its
                // last output comes first, as in supervisord's single loop.
                io.executeAfterReading(() -> log.log(LogLevel.DEBUG, "received SIGCHLD indicating a child quit"));
                childQuit.run();
            }
            default -> log.log(LogLevel.BLATHER, "received SIG" + name + " indicating nothing");
        }
    }

    /** Stops everything, then completes {@link #finished()} with {@code target} (SHUTDOWN or RESTARTING). */
    public void shutdown(SupervisorState target) {
        boolean alreadyStopping = state != SupervisorState.RUNNING;
        if (!alreadyStopping || target == SupervisorState.SHUTDOWN) {
            state = target;
        }
        if (alreadyStopping) {
            return;
        }
        events.publish(SupervisorStateEvent.STOPPING);
        stopOrder = new ArrayList<>(groups.values());
        stopOrder.sort((a, b) -> GroupConfig.START_ORDER.compare(a.config(), b.config()));
        stopNextGroups();
        if (!finished.isDone()) {
            reportWaiting();
        }
    }

    private void stopNextGroups() {
        // stopAll gives up a process waiting to retry at once, and that change lands back here: the
        // loop below sees it, while a nested pass would move on and leave this one removing a group
        // that has not stopped.
        if (stoppingGroups) {
            return;
        }
        stoppingGroups = true;
        try {
            while (!stopOrder.isEmpty()) {
                ProcessGroup last = stopOrder.get(stopOrder.size() - 1);
                last.stopAll();
                if (!last.unstopped().isEmpty()) {
                    return;
                }
                stopOrder.remove(stopOrder.size() - 1);
            }
        } finally {
            stoppingGroups = false;
        }
        if (shutdownReport != null) {
            shutdownReport.cancel();
        }
        groups.values().forEach(g -> g.socket().ifPresent(GroupSocket::close));
        ticker.stop();
        finished.complete(state);
    }

    private void reportWaiting() {
        List<String> names = new ArrayList<>();
        groups.values().forEach(g -> g.unstopped().forEach(p -> names.add(p.name())));
        if (!names.isEmpty()) {
            log.log(LogLevel.INFO, "waiting for " + String.join(", ", names) + " to die");
        }
        shutdownReport = scheduler.schedule(SHUTDOWN_REPORT_NANOS, this::reportWaiting);
    }

    private void processStateChanged(SupervisedProcess process, ProcessState from, ProcessState to,
                                     boolean expected) {
        if (state != SupervisorState.RUNNING && to.isStopped() && !finished.isDone()) {
            stopNextGroups();
        }
        events.publish(new ProcessStateEvent(to, process.name(), process.group(), from, process.backoff(), expected,
                process.pid()));
        // After the state event, as in supervisord: an event a dying listener held goes back to the head
        // of its pool's buffer last, so when the buffer is full it is the older waiting events that are
        // dropped, not the one the listener was given.
        group(process.group()).flatMap(ProcessGroup::pool).ifPresent(pool -> pool.stateChanged(process, to));
        for (ProcessListener listener : List.copyOf(listeners)) {
            listener.stateChanged(process, from, to, expected);
        }
        if (to == ProcessState.FATAL && process.config().onFatal() == OnFatal.SHUTDOWN) {
            // Once the change is over, so that the process's own "gave up" line comes first and the
            // stop does not begin inside its state change.
            scheduler.execute(() -> shutdownOnFatal(process));
        }
    }

    private void shutdownOnFatal(SupervisedProcess process) {
        // A process given up by a shutdown or restart under way is FATAL too; that was asked for.
        if (state != SupervisorState.RUNNING) {
            return;
        }
        log.log(LogLevel.CRITICAL, "shutting down: " + process.name() + " entered FATAL state and has on_fatal=shutdown");
        exitStatus = 1;
        shutdown(SupervisorState.SHUTDOWN);
    }

    private void reopenLogs() {
        logReopeners.forEach(Runnable::run);
        io.execute(() -> {
            for (ProcessGroup group : groups.values()) {
                for (ChannelLog channel : group.logs()) {
                    try {
                        channel.reopen();
                    } catch (IOException e) {
                        log.log(LogLevel.CRITICAL, "cannot reopen a log of group " + group.name() + ": " + e.getMessage());
                    }
                }
            }
        });
    }

    private ProcessGroup createGroup(GroupConfig group) throws IOException {
        Optional<GroupSocket> socket = Optional.empty();
        if (group instanceof FcgiGroupConfig fcgi) {
            socket = Optional.of(new GroupSocket(fcgi, sockets, log));
            try {
                socket.get().acquire();
            } catch (LaunchException e) {
                log.log(LogLevel.ERROR, e.getMessage());
            }
        }
        Optional<EventListenerPool> pool = Optional.empty();
        if (group instanceof EventListenerPoolConfig listeners) {
            pool = Optional.of(new EventListenerPool(listeners, config.supervisord().identifier(), launcher, scheduler,
                    log));
        }
        List<SupervisedProcess> processes = new ArrayList<>();
        Map<String, ProcessLogs> logs = new LinkedHashMap<>();
        ProcessContext context = new ProcessContext(clock, scheduler, launcher, log, this::processStateChanged,
                () -> state == SupervisorState.RUNNING);
        for (ProcessConfig process : group.processes()) {
            ChannelLog stdout = channelLog(process, "stdout", process.stdout());
            ChannelLog stderr = channelLog(process, "stderr", process.stderr());
            logs.put(process.name(), new ProcessLogs(stdout, stderr));
            ProgramOutput output = new ProgramOutput(stdout, channelEvents(process, group, "stdout", process.stdout()),
                    stderr, channelEvents(process, group, "stderr", process.stderr()), log);
            SupervisedProcess supervised = new SupervisedProcess(process, group.name(), context,
                    pool.isEmpty() ? output : new ListenerOutput(stdout, output, pool.get().reader(process.name())),
                    socket);
            pool.ifPresent(p -> p.add(supervised));
            processes.add(supervised);
        }
        pool.ifPresent(p -> p.subscribe(events));
        return new ProcessGroup(group, processes, logs, socket, pool);
    }

    /** What a channel of {@code process} makes events of; they are published on the control thread. */
    private ChannelEvents channelEvents(ProcessConfig process, GroupConfig group, String channel,
                                        ChannelLogConfig settings) {
        return new ChannelEvents(process.name(), group.name(), channel,
                (int) Math.min(Integer.MAX_VALUE, settings.captureMaxbytes()),
                settings.eventsEnabled(), event -> scheduler.execute(() -> events.publish(event)));
    }

    private ChannelLog channelLog(ProcessConfig process, String channel, ChannelLogConfig settings) throws IOException {
        Optional<Path> path = Optional.empty();
        if (settings.logfile() instanceof LogTarget.Auto) {
            path = Optional.of(ChildLogFiles.createAuto(config.supervisord().childlogdir(), process.name(), channel,
                    config.supervisord().identifier()));
        } else if (settings.logfile() instanceof LogTarget.File file) {
            path = Optional.of(file.path());
        }
        return new ChannelLog(process.name(), channel,
                path.map(p -> new RotatingLogFile(p, settings.maxbytes(), settings.backups())), log,
                config.supervisord().stripAnsi(), settings.syslog() ? Optional.of(syslog) : Optional.empty());
    }
}
