package io.jsupervisor.service.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
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
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.types.InvalidValueException;
import io.jsupervisor.config.types.Signals;
import io.jsupervisor.service.control.Clock;
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
import io.jsupervisor.service.state.SupervisorState;

/**
 * The {@code supervisor} namespace: supervisord 4.2's 37 methods (aliases included) with its
 * argument handling, checks in its order, fault codes and result shapes. Each call reads its
 * parameters on the HTTP thread and does its work on the control thread; a call that waits
 * ({@code wait=true}) completes from a state change, never by polling.
 *
 * <p>Thread-safe: handlers may be called on any thread.
 */
public final class SupervisorMethods {
    private static final long STOP_REPORT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String API_VERSION = "3.0";

    private final ControlLoop control;
    private final Supervisor supervisor;
    private final ProcessLauncher launcher;
    private final IoLoop io;
    private final Clock clock;
    private final SupervisorLog log;
    private final DaemonFacts daemon;
    private final StateWaits waits = new StateWaits();
    private final ZoneId zone = ZoneId.systemDefault();

    private SupervisorMethods(ControlLoop control, Supervisor supervisor, ProcessLauncher launcher, IoLoop io,
                              Clock clock, SupervisorLog log, DaemonFacts daemon) {
        this.control = control;
        this.supervisor = supervisor;
        this.launcher = launcher;
        this.io = io;
        this.clock = clock;
        this.log = log;
        this.daemon = daemon;
    }

    /** Registers every {@code supervisor.*} method in {@code methods}; call on the control thread. */
    public static void register(RpcMethods methods, ControlLoop control, Supervisor supervisor,
                                ProcessLauncher launcher, IoLoop io, Clock clock, SupervisorLog log,
                                DaemonFacts daemon) {
        SupervisorMethods s = new SupervisorMethods(control, supervisor, launcher, io, clock, log, daemon);
        supervisor.addListener(s.waits);
        s.registerIn(methods);
    }

    /** The work of one call on the control thread. */
    @FunctionalInterface
    private interface Work {
        CompletableFuture<Object> run() throws RpcError, IOException;
    }

    /** One process-level operation, for the group and "all" variants. */
    @FunctionalInterface
    private interface ProcessOperation {
        CompletableFuture<Object> apply(String namespec, ProcessGroup group, SupervisedProcess process) throws RpcError;
    }

    private void registerIn(RpcMethods m) {
        m.add(method("getAPIVersion", List.of("string"), "Returns the version of the RPC API.",
                p -> {
                    p.expect(0, 0);
                    return answer(() -> API_VERSION);
                }));
        m.alias("supervisor.getVersion", "supervisor.getAPIVersion");
        m.add(method("getSupervisorVersion", List.of("string"), "Returns the version of the running jsupervisord.",
                p -> {
                    p.expect(0, 0);
                    return answer(daemon::version);
                }));
        m.add(method("getIdentification", List.of("string"), "Returns the identifier of this supervisor.",
                p -> {
                    p.expect(0, 0);
                    return answer(daemon::identifier);
                }));
        m.add(method("getState", List.of("struct"), "Returns the supervisor's state as {statecode, statename}.",
                p -> {
                    p.expect(0, 0);
                    return onControl(() -> {
                        Map<String, Object> state = new LinkedHashMap<>();
                        state.put("statecode", supervisor.state().code());
                        state.put("statename", supervisor.state().name());
                        return done(state);
                    });
                }));
        m.add(method("getPID", List.of("int"), "Returns the pid of the supervisor.",
                p -> {
                    p.expect(0, 0);
                    return answer(daemon::pid);
                }));
        m.add(method("readLog", List.of("string", "int", "int"),
                "Reads length bytes of the main log from offset (a negative offset with length 0 reads the end).",
                p -> {
                    p.expect(2, 2);
                    int offset = p.integer(0);
                    int length = p.integer(1);
                    return onControl(() -> {
                        Optional<Path> file = daemon.mainLog().filter(Files::exists);
                        if (file.isEmpty()) {
                            throw new RpcError(Fault.NO_FILE, daemon.mainLog().map(Path::toString).orElse("None"));
                        }
                        return done(LogReader.read(file.get(), offset, length));
                    });
                }));
        m.alias("supervisor.readMainLog", "supervisor.readLog");
        m.add(method("clearLog", List.of("boolean"), "Empties the main log.", p -> {
            p.expect(0, 0);
            return onControl(() -> {
                if (daemon.mainLog().filter(Files::exists).isEmpty()) {
                    throw new RpcError(Fault.NO_FILE);
                }
                try {
                    daemon.clearMainLog();
                } catch (IOException e) {
                    throw new RpcError(Fault.FAILED);
                }
                log.log(LogLevel.INFO, "reopening log file");
                return done(true);
            });
        }));
        m.add(method("shutdown", List.of("boolean"), "Stops every process, then the supervisor.", p -> {
            p.expect(0, 0);
            return onControl(() -> {
                control.execute(() -> supervisor.shutdown(SupervisorState.SHUTDOWN));
                return done(true);
            });
        }));
        m.add(method("restart", List.of("boolean"),
                "Stops every process, reads the configuration again and starts over.", p -> {
                    p.expect(0, 0);
                    return onControl(() -> {
                        control.execute(() -> supervisor.shutdown(SupervisorState.RESTARTING));
                        return done(true);
                    });
                }));
        m.add(method("reloadConfig", List.of("array"),
                "Reads the configuration again; answers [[added, changed, removed]] group names. Starts and stops nothing.",
                p -> {
                    p.expect(0, 0);
                    // Parsed here rather than on the control thread, which must not wait for the disk;
                    // a parse error is reported after the shutdown check, as supervisord orders them.
                    Configuration fresh;
                    ConfigException invalid;
                    try {
                        fresh = daemon.reload();
                        invalid = null;
                    } catch (ConfigException e) {
                        fresh = null;
                        invalid = e;
                    }
                    Configuration loaded = fresh;
                    ConfigException problem = invalid;
                    return onControl(() -> {
                        if (problem != null) {
                            throw new RpcError(Fault.CANT_REREAD, problem.getMessage());
                        }
                        var diff = supervisor.reread(loaded);
                        return done(List.of(List.of(new ArrayList<Object>(diff.added()),
                                new ArrayList<Object>(diff.changed()), new ArrayList<Object>(diff.removed()))));
                    });
                }));
        m.add(method("addProcessGroup", List.of("boolean", "string"),
                "Makes a group of the configuration active (its autostart programs start).", p -> {
                    String name = p.expect(1, 1).string(0);
                    return onControl(() -> {
                        Optional<GroupConfig> config = supervisor.availableGroups().stream()
                                .filter(g -> g.name().equals(name)).findFirst();
                        if (config.isEmpty()) {
                            throw new RpcError(Fault.BAD_NAME, name);
                        }
                        if (!supervisor.addGroup(config.get())) {
                            throw new RpcError(Fault.ALREADY_ADDED, name);
                        }
                        return done(true);
                    });
                }));
        m.add(method("removeProcessGroup", List.of("boolean", "string"),
                "Drops an active group whose processes are all stopped.", p -> {
                    String name = p.expect(1, 1).string(0);
                    return onControl(() -> {
                        if (supervisor.group(name).isEmpty()) {
                            throw new RpcError(Fault.BAD_NAME, name);
                        }
                        if (!supervisor.removeGroup(name)) {
                            throw new RpcError(Fault.STILL_RUNNING, name);
                        }
                        return done(true);
                    });
                }));
        registerProcessControl(m);
        registerInfo(m);
        registerLogs(m);
        m.add(method("sendProcessStdin", List.of("boolean", "string", "string"),
                "Sends text to a process's stdin (UTF-8 encoded).", p -> {
                    p.expect(2, 2);
                    String name = p.string(0);
                    if (!(p.raw(1) instanceof String chars)) {
                        throw new RpcError(Fault.INCORRECT_PARAMETERS, String.valueOf(p.raw(1)));
                    }
                    return onControl(() -> sendStdin(name, chars.getBytes(StandardCharsets.UTF_8)));
                }));
        m.add(method("sendRemoteCommEvent", List.of("boolean", "string", "string"),
                "Emits a REMOTE_COMMUNICATION event with the given type and data.", p -> {
                    p.expect(2, 2);
                    return CompletableFuture.completedFuture(true);
                }));
    }

    private void registerProcessControl(RpcMethods m) {
        m.add(method("startProcess", List.of("boolean", "string", "boolean"),
                "Starts a process (name, group:name or group:*); with wait, answers once it is RUNNING.", p -> {
                    p.expect(1, 2);
                    String name = p.string(0);
                    boolean wait = p.flag(1, true);
                    return onControl(() -> {
                        Target target = resolve(name);
                        if (target.process() == null) {
                            return forEach(target.groupOnly(), this::isNotRunning, (ns, g, pr) -> startOne(ns, pr, wait));
                        }
                        return startOne(name, target.process(), wait);
                    });
                }));
        m.add(method("startProcessGroup", List.of("array", "string", "boolean"),
                "Starts every process of a group that is not running; answers a result per process.", p -> {
                    p.expect(1, 2);
                    String name = p.string(0);
                    boolean wait = p.flag(1, true);
                    return onControl(() -> forEach(group(name), this::isNotRunning, (ns, g, pr) -> startOne(ns, pr, wait)));
                }));
        m.add(method("startAllProcesses", List.of("array", "boolean"),
                "Starts every process that is not running, groups in priority order.", p -> {
                    p.expect(0, 1);
                    boolean wait = p.flag(0, true);
                    return onControl(() -> forEach(all(false), this::isNotRunning, (ns, g, pr) -> startOne(ns, pr, wait)));
                }));
        m.add(method("stopProcess", List.of("boolean", "string", "boolean"),
                "Stops a process (name, group:name or group:*); with wait, answers once it has stopped.", p -> {
                    p.expect(1, 2);
                    String name = p.string(0);
                    boolean wait = p.flag(1, true);
                    return onControl(() -> {
                        Target target = resolve(name);
                        if (target.process() == null) {
                            return forEach(target.groupOnly(), this::isRunning, (ns, g, pr) -> stopOne(ns, pr, wait));
                        }
                        return stopOne(name, target.process(), wait);
                    });
                }));
        m.add(method("stopProcessGroup", List.of("array", "string", "boolean"),
                "Stops every running process of a group; answers a result per process.", p -> {
                    p.expect(1, 2);
                    String name = p.string(0);
                    boolean wait = p.flag(1, true);
                    return onControl(() -> forEach(group(name), this::isRunning, (ns, g, pr) -> stopOne(ns, pr, wait)));
                }));
        m.add(method("stopAllProcesses", List.of("array", "boolean"), "Stops every running process.", p -> {
            p.expect(0, 1);
            boolean wait = p.flag(0, true);
            return onControl(() -> forEach(all(false), this::isRunning, (ns, g, pr) -> stopOne(ns, pr, wait)));
        }));
        m.add(method("signalProcess", List.of("boolean", "string", "string"),
                "Sends a signal (a name such as HUP, or a number) to a process.", p -> {
                    p.expect(2, 2);
                    String name = p.string(0);
                    Object signal = p.raw(1);
                    return onControl(() -> {
                        Target target = resolve(name);
                        if (target.process() == null) {
                            return forEach(target.groupOnly(), this::isSignallable, (ns, g, pr) -> signalOne(ns, pr, signal));
                        }
                        return signalOne(name, target.process(), signal);
                    });
                }));
        m.add(method("signalProcessGroup", List.of("array", "string", "string"),
                "Sends a signal to every process of a group that can take one.", p -> {
                    p.expect(2, 2);
                    String name = p.string(0);
                    Object signal = p.raw(1);
                    return onControlUnchecked(() -> {
                        List<Target> targets = group(name);
                        checkRunning();
                        return forEach(targets, this::isSignallable, (ns, g, pr) -> signalOne(ns, pr, signal));
                    });
                }));
        m.add(method("signalAllProcesses", List.of("array", "string"),
                "Sends a signal to every process that can take one.", p -> {
                    Object signal = p.expect(1, 1).raw(0);
                    return onControlUnchecked(() -> {
                        CompletableFuture<Object> results = forEach(all(false), this::isSignallable,
                                (ns, g, pr) -> signalOne(ns, pr, signal));
                        checkRunning();
                        return results;
                    });
                }));
    }

    private void registerInfo(RpcMethods m) {
        m.add(method("getAllConfigInfo", List.of("array"),
                "Answers the configuration of every process of the configuration, active or not.", p -> {
                    p.expect(0, 0);
                    return onControl(() -> done(configInfo()));
                }));
        m.add(method("getProcessInfo", List.of("struct", "string"), "Answers the state of one process.", p -> {
            String name = p.expect(1, 1).string(0);
            return onControl(() -> {
                Target target = process(name);
                return done(ProcessInfo.of(target.group(), target.process(), clock.wallMillis(), zone));
            });
        }));
        m.add(method("getAllProcessInfo", List.of("array"),
                "Answers the state of every process, by group name then process name.", p -> {
                    p.expect(0, 0);
                    return onControl(() -> {
                        long now = clock.wallMillis();
                        List<Object> infos = new ArrayList<>();
                        for (Target t : all(true)) {
                            infos.add(ProcessInfo.of(t.group(), t.process(), now, zone));
                        }
                        return done(infos);
                    });
                }));
    }

    private void registerLogs(RpcMethods m) {
        for (String channel : List.of("stdout", "stderr")) {
            String title = channel.equals("stdout") ? "Stdout" : "Stderr";
            m.add(method("readProcess" + title + "Log", List.of("string", "string", "int", "int"),
                    "Reads length bytes of a process's " + channel + " log from offset.", p -> {
                        p.expect(3, 3);
                        String name = p.string(0);
                        int offset = p.integer(1);
                        int length = p.integer(2);
                        return onControl(() -> {
                            Optional<Path> file = logFile(process(name), channel);
                            if (file.isEmpty() || !Files.exists(file.get())) {
                                throw new RpcError(Fault.NO_FILE, file.map(Path::toString).orElse("None"));
                            }
                            return done(LogReader.read(file.get(), offset, length));
                        });
                    }));
            m.add(method("tailProcess" + title + "Log", List.of("array", "string", "int", "int"),
                    "Answers [bytes, offset, overflow]: the last length bytes of a process's " + channel
                            + " log, the log's size, and whether it outgrew offset + length.", p -> {
                        p.expect(3, 3);
                        String name = p.string(0);
                        int offset = p.integer(1);
                        int length = p.integer(2);
                        return onControl(() -> {
                            Optional<Path> file = logFile(process(name), channel);
                            if (file.isEmpty() || !Files.exists(file.get())) {
                                return done(List.of("", 0, false));
                            }
                            return done(LogReader.tail(file.get(), offset, length));
                        });
                    }));
        }
        m.alias("supervisor.readProcessLog", "supervisor.readProcessStdoutLog");
        m.alias("supervisor.tailProcessLog", "supervisor.tailProcessStdoutLog");
        m.add(method("clearProcessLogs", List.of("boolean", "string"),
                "Empties a process's stdout and stderr logs.", p -> {
                    String name = p.expect(1, 1).string(0);
                    return onControl(() -> clearLogs(name, process(name)));
                }));
        m.alias("supervisor.clearProcessLog", "supervisor.clearProcessLogs");
        m.add(method("clearAllProcessLogs", List.of("array"), "Empties the logs of every process.", p -> {
            p.expect(0, 0);
            return onControl(() -> forEach(all(false), process -> true, (ns, g, pr) -> clearLogs(ns, new Target(g, pr))));
        }));
    }

    private static RpcMethod method(String name, List<String> signature, String help, RpcMethod.Handler handler) {
        return new RpcMethod("supervisor." + name, signature, help, handler);
    }

    // ---- running work on the control thread ----

    private interface Answer {
        Object get();
    }

    /** A call that needs no process state, answered on the control thread for the SHUTDOWN_STATE check. */
    private CompletableFuture<Object> answer(Answer answer) {
        return onControl(() -> done(answer.get()));
    }

    /** Runs {@code work} on the control thread after supervisord's shutdown check. */
    private CompletableFuture<Object> onControl(Work work) {
        return onControlUnchecked(() -> {
            checkRunning();
            return work.run();
        });
    }

    private CompletableFuture<Object> onControlUnchecked(Work work) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        control.execute(() -> {
            try {
                work.run().whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
            } catch (RpcError e) {
                result.completeExceptionally(e);
            } catch (IOException e) {
                result.completeExceptionally(new RpcError(Fault.FAILED, e.getMessage()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static CompletableFuture<Object> done(Object value) {
        return CompletableFuture.completedFuture(value);
    }

    /** Every {@code supervisor.*} call fails while the supervisor shuts down or restarts. */
    private void checkRunning() throws RpcError {
        if (supervisor.state() != SupervisorState.RUNNING) {
            throw new RpcError(Fault.SHUTDOWN_STATE);
        }
    }

    // ---- names ----

    /** A process of a group, or a whole group when {@code process} is null ({@code group:*}). */
    private record Target(ProcessGroup group, SupervisedProcess process) {
        List<Target> groupOnly() {
            return group.processes().stream().sorted(BY_PRIORITY).map(p -> new Target(group, p)).toList();
        }
    }

    private static final Comparator<SupervisedProcess> BY_PRIORITY = Comparator.comparingInt(p -> p.config().priority());

    /** Resolves {@code name}, {@code group:name}, {@code group:*} or {@code group:} as supervisord does. */
    private Target resolve(String namespec) throws RpcError {
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
    private Target process(String namespec) throws RpcError {
        Target target = resolve(namespec);
        if (target.process() == null) {
            throw new RpcError(Fault.BAD_NAME, namespec);
        }
        return target;
    }

    private List<Target> group(String name) throws RpcError {
        return supervisor.group(name).orElseThrow(() -> new RpcError(Fault.BAD_NAME, name)).processes().stream()
                .sorted(BY_PRIORITY).map(p -> new Target(supervisor.group(name).get(), p)).toList();
    }

    /** Every process: by priority (groups, then processes), or by name when {@code lexical}. */
    private List<Target> all(boolean lexical) {
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

    private static String namespec(ProcessGroup group, SupervisedProcess process) {
        return group.name().equals(process.name()) ? process.name() : group.name() + ":" + process.name();
    }

    private boolean isRunning(SupervisedProcess process) {
        return process.state().isRunning();
    }

    private boolean isNotRunning(SupervisedProcess process) {
        return !process.state().isRunning();
    }

    private boolean isSignallable(SupervisedProcess process) {
        return process.state().isSignallable();
    }

    // ---- operations ----

    private CompletableFuture<Object> startOne(String namespec, SupervisedProcess process, boolean wait) throws RpcError {
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
            return done(true);
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

    private CompletableFuture<Object> stopOne(String namespec, SupervisedProcess process, boolean wait) throws RpcError {
        if (!process.state().isRunning()) {
            throw new RpcError(Fault.NOT_RUNNING, namespec);
        }
        Optional<String> failure = process.stop();
        if (failure.isPresent()) {
            throw new RpcError(Fault.FAILED, failure.get());
        }
        if (!wait || process.state().isStopped()) {
            return done(true);
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

    /** Logs {@code waiting for x to stop} now and every 2 seconds while a caller waits for it. */
    private void reportStopping(SupervisedProcess process, CompletableFuture<Object> stopped) {
        if (!stopped.isDone() && process.state() == ProcessState.STOPPING) {
            log.log(LogLevel.INFO, "waiting for " + process.name() + " to stop");
            Scheduler.Timer timer = control.schedule(STOP_REPORT_NANOS, () -> reportStopping(process, stopped));
            stopped.whenComplete((value, failure) -> timer.cancel());
        }
    }

    private CompletableFuture<Object> signalOne(String namespec, SupervisedProcess process, Object signal)
            throws RpcError {
        int number = signalNumber(signal);
        if (!process.state().isSignallable()) {
            throw new RpcError(Fault.NOT_RUNNING, namespec);
        }
        Optional<String> failure = process.signal(number);
        if (failure.isPresent()) {
            throw new RpcError(Fault.FAILED, failure.get());
        }
        return done(true);
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

    private CompletableFuture<Object> sendStdin(String namespec, byte[] data) throws RpcError {
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

    private Optional<Path> logFile(Target target, String channel) {
        return target.group().logs(target.process()).file(channel);
    }

    /** Deletes and restarts both log files on the I/O thread, which writes them. */
    private CompletableFuture<Object> clearLogs(String namespec, Target target) {
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
    private CompletableFuture<Object> forEach(List<Target> targets, Predicate<SupervisedProcess> predicate,
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

    private List<Object> configInfo() {
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
