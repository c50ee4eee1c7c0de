package io.jsupervisor.service.rpc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.types.InvalidValueException;
import io.jsupervisor.config.types.Signals;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.control.Scheduler;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.process.LaunchException;
import io.jsupervisor.service.process.ProcessGroup;
import io.jsupervisor.service.process.ProcessLauncher;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.process.Supervisor;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.state.ProcessState;

/**
 * What the {@code supervisor} methods do to processes, with supervisord's rules: names resolved as
 * {@code name}, {@code group:name} or {@code group:*}; start, stop and signal with supervisord's
 * checks in its order and its faults; waits that end on a state change; the result structs of the
 * group and "all" calls; and the config info structs.
 *
 * <p>Confined to the control thread.
 */
final class ProcessOperations {
    private static final long STOP_REPORT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ControlLoop control;
    private final Supervisor supervisor;
    private final ProcessLauncher launcher;
    private final IoLoop io;
    private final SupervisorLog log;
    private final StateWaits waits = new StateWaits();

    ProcessOperations(ControlLoop control, Supervisor supervisor, ProcessLauncher launcher, IoLoop io,
                      SupervisorLog log) {
        this.control = control;
        this.supervisor = supervisor;
        this.launcher = launcher;
        this.io = io;
        this.log = log;
        supervisor.addListener(waits);
    }

    /** One process-level operation, for the group and "all" variants. */
    @FunctionalInterface
    interface ProcessOperation {
        CompletableFuture<Object> apply(String namespec, ProcessGroup group, SupervisedProcess process) throws RpcError;
    }


    /** A process of a group, or a whole group when {@code process} is null ({@code group:*}). */
    record Target(ProcessGroup group, SupervisedProcess process) {
        List<Target> groupOnly() {
            return group.processes().stream().sorted(BY_PRIORITY).map(p -> new Target(group, p)).toList();
        }
    }

    private static final Comparator<SupervisedProcess> BY_PRIORITY = Comparator.comparingInt(p -> p.config().priority());

    /** Resolves {@code name}, {@code group:name}, {@code group:*} or {@code group:} as supervisord does. */
    Target resolve(String namespec) throws RpcError {
        return resolve(supervisor, namespec);
    }

    static Target resolve(Supervisor supervisor, String namespec) throws RpcError {
        int colon = namespec.indexOf(':');
        String groupName = colon < 0 ? namespec : namespec.substring(0, colon);
        String processName = colon < 0 ? namespec : namespec.substring(colon + 1);
        ProcessGroup group = supervisor.group(groupName).orElseThrow(() -> new RpcError(Fault.BAD_NAME, namespec));
        if (colon >= 0 && (processName.isEmpty() || processName.equals("*"))) {
            return new Target(group, null);
        }
        SupervisedProcess process = group.process(processName)
                .orElseThrow(() -> new RpcError(Fault.BAD_NAME, namespec));
        return new Target(group, process);
    }

    /** Like {@link #resolve} but a whole group is BAD_NAME too. */
    Target process(String namespec) throws RpcError {
        return process(supervisor, namespec);
    }

    static Target process(Supervisor supervisor, String namespec) throws RpcError {
        Target target = resolve(supervisor, namespec);
        if (target.process() == null) {
            throw new RpcError(Fault.BAD_NAME, namespec);
        }
        return target;
    }

    List<Target> group(String name) throws RpcError {
        return supervisor.group(name).orElseThrow(() -> new RpcError(Fault.BAD_NAME, name)).processes().stream()
                .sorted(BY_PRIORITY).map(p -> new Target(supervisor.group(name).get(), p)).toList();
    }

    /** Every process: by priority (groups, then processes), or by name when {@code lexical}. */
    List<Target> all(boolean lexical) {
        return all(supervisor, lexical);
    }

    static List<Target> all(Supervisor supervisor, boolean lexical) {
        List<ProcessGroup> groups = new ArrayList<>(supervisor.groups());
        groups.sort(lexical ? Comparator.comparing(ProcessGroup::name)
                : (a, b) -> GroupConfig.START_ORDER.compare(a.config(), b.config()));
        List<Target> targets = new ArrayList<>();
        for (ProcessGroup group : groups) {
            List<SupervisedProcess> processes = new ArrayList<>(group.processes());
            processes.sort(lexical ? Comparator.comparing(SupervisedProcess::name) : BY_PRIORITY);
            processes.forEach(p -> targets.add(new Target(group, p)));
        }
        return targets;
    }

    static String namespec(ProcessGroup group, SupervisedProcess process) {
        return group.name().equals(process.name()) ? process.name() : group.name() + ":" + process.name();
    }

    boolean isRunning(SupervisedProcess process) {
        return process.state().isRunning();
    }

    boolean isNotRunning(SupervisedProcess process) {
        return !process.state().isRunning();
    }

    boolean isSignallable(SupervisedProcess process) {
        return process.state().isSignallable();
    }

    CompletableFuture<Object> startOne(String namespec, SupervisedProcess process, boolean wait) throws RpcError {
        try {
            launcher.checkCommand(process.config());
        } catch (LaunchException e) {
            throw new RpcError(e.notFound() ? Fault.NO_FILE : Fault.NOT_EXECUTABLE, e.getMessage());
        }
        if (process.state().isRunning()) {
            throw new RpcError(Fault.ALREADY_STARTED, namespec);
        }
        if (process.state() == ProcessState.UNKNOWN) {
            throw new RpcError(Fault.FAILED, namespec + " is in an unknown process state");
        }
        process.spawn();
        if (process.spawnerr().isPresent()) {
            throw new RpcError(Fault.SPAWN_ERROR, namespec);
        }
        if (!wait || process.state() == ProcessState.RUNNING) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Object> started = new CompletableFuture<>();
        waits.until(process, p -> {
            if (p.spawnerr().isPresent()) {
                started.completeExceptionally(new RpcError(Fault.SPAWN_ERROR, namespec));
            } else if (p.state() != ProcessState.STARTING && p.state() != ProcessState.RUNNING) {
                started.completeExceptionally(new RpcError(Fault.ABNORMAL_TERMINATION, namespec));
            } else if (p.state() == ProcessState.RUNNING) {
                started.complete(true);
            }
            return started.isDone();
        });
        return started;
    }

    CompletableFuture<Object> stopOne(String namespec, SupervisedProcess process, boolean wait) throws RpcError {
        if (!process.state().isRunning()) {
            throw new RpcError(Fault.NOT_RUNNING, namespec);
        }
        Optional<String> failure = process.stop();
        if (failure.isPresent()) {
            throw new RpcError(Fault.FAILED, failure.get());
        }
        if (!wait || process.state().isStopped()) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Object> stopped = new CompletableFuture<>();
        reportStopping(process, stopped);
        waits.until(process, p -> {
            if (p.state().isStopped()) {
                stopped.complete(true);
            }
            return stopped.isDone();
        });
        return stopped;
    }

    /**
     * Restarts {@code targets} one after another: each is stopped if it runs, started again, and the
     * next waits until it is RUNNING, so a pool behind a shared socket always has workers serving. The
     * first that does not come back ends the roll: a broken release takes down one worker, not the
     * pool. Answers a result per process restarted or failed, in order.
     */
    CompletableFuture<Object> rollingRestart(List<Target> targets) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        restartFrom(targets, 0, new ArrayList<>(), done);
        return done;
    }

    private void restartFrom(List<Target> targets, int next, List<Object> results, CompletableFuture<Object> done) {
        if (next == targets.size()) {
            done.complete(results);
            return;
        }
        Target target = targets.get(next);
        // Each step goes on as a task of its own, after the state change that ended the last one is done.
        restartOne(namespec(target.group(), target.process()), target.process()).whenCompleteAsync((value, failure) -> {
            results.add(result(target, failure));
            if (failure == null) {
                restartFrom(targets, next + 1, results, done);
            } else {
                done.complete(results);
            }
        }, control::execute);
    }

    private CompletableFuture<Object> restartOne(String namespec, SupervisedProcess process) {
        try {
            CompletableFuture<Object> stopped = isRunning(process) ? stopOne(namespec, process, true)
                    : CompletableFuture.completedFuture(true);
            return stopped.thenComposeAsync(ignored -> {
                try {
                    return startOne(namespec, process, true);
                } catch (RpcError e) {
                    return CompletableFuture.failedFuture(e);
                }
            }, control::execute);
        } catch (RpcError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Logs {@code waiting for x to stop} now and every 2 seconds while a caller waits for it. */
    private void reportStopping(SupervisedProcess process, CompletableFuture<Object> stopped) {
        if (!stopped.isDone() && process.state() == ProcessState.STOPPING) {
            log.log(LogLevel.INFO, "waiting for " + process.name() + " to stop");
            Scheduler.Timer timer = control.schedule(STOP_REPORT_NANOS, () -> reportStopping(process, stopped));
            stopped.whenComplete((value, failure) -> timer.cancel());
        }
    }

    CompletableFuture<Object> signalOne(String namespec, SupervisedProcess process, Object signal)
            throws RpcError {
        int number = signalNumber(signal);
        if (!process.state().isSignallable()) {
            throw new RpcError(Fault.NOT_RUNNING, namespec);
        }
        Optional<String> failure = process.signal(number);
        if (failure.isPresent()) {
            throw new RpcError(Fault.FAILED, failure.get());
        }
        return CompletableFuture.completedFuture(true);
    }

    /** A signal given as a name ({@code HUP}, {@code SIGHUP}) or a number, as a string or an int. */
    private static int signalNumber(Object signal) throws RpcError {
        try {
            if (signal instanceof Integer number) {
                return Signals.parse(Integer.toString(number));
            }
            if (signal instanceof String name) {
                return Signals.parse(name);
            }
        } catch (InvalidValueException e) {
            throw new RpcError(Fault.BAD_SIGNAL, String.valueOf(signal));
        }
        throw new RpcError(Fault.BAD_SIGNAL, String.valueOf(signal));
    }

    CompletableFuture<Object> sendStdin(String namespec, byte[] data) throws RpcError {
        Target target = process(namespec);
        SupervisedProcess process = target.process();
        if (process.pid() == 0 || process.state() == ProcessState.STOPPING) {
            throw new RpcError(Fault.NOT_RUNNING, namespec);
        }
        CompletableFuture<Object> sent = new CompletableFuture<>();
        launcher.writeStdin(process.pid(), data).whenComplete((ignored, failure) -> {
            if (failure == null) {
                sent.complete(true);
            } else if (failure instanceof NativeException || failure.getCause() instanceof NativeException) {
                sent.completeExceptionally(new RpcError(Fault.NO_FILE, namespec));
            } else {
                sent.completeExceptionally(failure);
            }
        });
        return sent;
    }

    Optional<Path> logFile(Target target, String channel) {
        return target.group().logs(target.process()).file(channel);
    }

    /** Deletes and restarts both log files on the I/O thread, which writes them. */
    CompletableFuture<Object> clearLogs(String namespec, Target target) {
        CompletableFuture<Object> cleared = new CompletableFuture<>();
        var logs = target.group().logs(target.process());
        io.execute(() -> {
            try {
                logs.stdout().clear();
                logs.stderr().clear();
                cleared.complete(true);
            } catch (IOException e) {
                cleared.completeExceptionally(new RpcError(Fault.FAILED, namespec));
            }
        });
        CompletableFuture<Object> onControl = new CompletableFuture<>();
        cleared.whenComplete((value, failure) -> control.execute(() -> {
            if (failure == null) {
                onControl.complete(value);
            } else {
                onControl.completeExceptionally(failure);
            }
        }));
        return onControl;
    }

    /**
     * Runs {@code operation} on every target that {@code predicate} accepts and answers one result
     * struct per process, as supervisord: calls that finish at once first, in order, then the ones
     * that waited, in order once all are done (supervisord lists those as its 50 ms polls see them
     * finish, which is the same order unless they finish far apart). Callbacks run on the control
     * thread.
     */
    CompletableFuture<Object> forEach(List<Target> targets, Predicate<SupervisedProcess> predicate,
                                              ProcessOperation operation) {
        List<Object> results = new ArrayList<>();
        List<Target> waited = new ArrayList<>();
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (Target t : targets) {
            if (!predicate.test(t.process())) {
                continue;
            }
            CompletableFuture<Object> outcome;
            try {
                outcome = operation.apply(namespec(t.group(), t.process()), t.group(), t.process());
            } catch (RpcError e) {
                results.add(result(t, e));
                continue;
            }
            if (outcome.isDone()) {
                outcome.whenComplete((value, failure) -> results.add(result(t, failure)));
            } else {
                waited.add(t);
                outcomes.add(outcome);
            }
        }
        return CompletableFuture.allOf(outcomes.stream().map(f -> f.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                    for (int i = 0; i < waited.size(); i++) {
                        outcomes.get(i).whenComplete(resultInto(results, waited.get(i)));
                    }
                    return results;
                });
    }

    private static BiConsumer<Object, Throwable> resultInto(List<Object> results, Target target) {
        return (value, failure) -> results.add(result(target, failure));
    }

    private static Map<String, Object> result(Target target, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", target.process().name());
        result.put("group", target.group().name());
        if (cause == null) {
            result.put("status", Fault.SUCCESS.code());
            result.put("description", "OK");
        } else if (cause instanceof RpcError error) {
            result.put("status", error.code());
            result.put("description", error.text());
        } else {
            result.put("status", Fault.FAILED.code());
            result.put("description", "FAILED: " + cause);
        }
        return result;
    }

    List<Object> configInfo() {
        List<Map<String, Object>> infos = new ArrayList<>();
        for (GroupConfig group : supervisor.availableGroups()) {
            Optional<ProcessGroup> active = supervisor.group(group.name());
            // An active group created from this very configuration shows its resolved AUTO file names.
            Optional<ProcessGroup> same = active.filter(g -> g.config().equals(group));
            for (ProcessConfig p : group.processes()) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("autostart", p.autostart());
                info.put("directory", p.directory().orElse("none"));
                info.put("uid", p.user().<Object>map(u -> u.uid()).orElse("none"));
                info.put("command", p.command());
                info.put("exitcodes", new ArrayList<Object>(p.exitcodes()));
                info.put("group", group.name());
                info.put("group_prio", group.priority());
                info.put("inuse", active.isPresent());
                info.put("killasgroup", p.killasgroup());
                info.put("name", p.name());
                info.put("process_prio", p.priority());
                info.put("redirect_stderr", p.redirectStderr());
                info.put("startretries", p.startretries());
                info.put("startsecs", p.startsecs());
                channelInfo(info, "stdout", p.stdout(), same, p.name(), false);
                info.put("stopsignal", p.stopsignal());
                info.put("stopwaitsecs", p.stopwaitsecs());
                channelInfo(info, "stderr", p.stderr(), same, p.name(), true);
                info.put("serverurl", p.serverurl().orElse("auto"));
                infos.add(info);
            }
        }
        infos.sort(Comparator.comparing(i -> (String) i.get("name")));
        return new ArrayList<>(infos);
    }

    private static void channelInfo(Map<String, Object> info, String channel, ChannelLogConfig log,
                                    Optional<ProcessGroup> active, String processName, boolean withSyslog) {
        info.put(channel + "_capture_maxbytes", ProcessInfo.capped(log.captureMaxbytes()));
        info.put(channel + "_events_enabled", log.eventsEnabled());
        Object file;
        if (log.logfile() instanceof LogTarget.File path) {
            file = path.path().toString();
        } else if (log.logfile() instanceof LogTarget.Auto) {
            file = active.flatMap(g -> g.process(processName).flatMap(p -> g.logs(p).file(channel)))
                    .<Object>map(Path::toString).orElse("auto");
        } else {
            file = "none";
        }
        info.put(channel + "_logfile", file);
        info.put(channel + "_logfile_backups", log.backups());
        info.put(channel + "_logfile_maxbytes", ProcessInfo.capped(log.maxbytes()));
        info.put(channel + "_syslog", log.syslog());
    }
}
