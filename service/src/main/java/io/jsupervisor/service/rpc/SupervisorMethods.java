package io.jsupervisor.service.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.event.RemoteCommunicationEvent;
import io.jsupervisor.service.process.ProcessLauncher;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.process.Supervisor;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.state.SupervisorState;

/**
 * The {@code supervisor} namespace: supervisord 4.2's 37 methods (aliases included), their
 * signatures, help and argument handling; and {@code jsupervisor.rollingRestart}, which supervisord
 * lacks. Each call reads its parameters on the HTTP thread and
 * does its work on the control thread, through {@link ProcessOperations} for anything that touches
 * processes; every call first fails with SHUTDOWN_STATE while the supervisor stops, as supervisord's
 * do.
 *
 * <p>Thread-safe: handlers may be called on any thread.
 */
public final class SupervisorMethods {
    private static final String API_VERSION = "3.0";

    private final ControlLoop control;
    private final Supervisor supervisor;
    private final Clock clock;
    private final SupervisorLog log;
    private final DaemonFacts daemon;
    private final ProcessOperations ops;
    private final ZoneId zone = ZoneId.systemDefault();

    private SupervisorMethods(ControlLoop control, Supervisor supervisor, ProcessLauncher launcher, IoLoop io,
                              Clock clock, SupervisorLog log, DaemonFacts daemon) {
        this.control = control;
        this.supervisor = supervisor;
        this.clock = clock;
        this.log = log;
        this.daemon = daemon;
        this.ops = new ProcessOperations(control, supervisor, launcher, io, log);
    }

    /** Registers every {@code supervisor.*} method in {@code methods}; call on the control thread. */
    public static void register(RpcMethods methods, ControlLoop control, Supervisor supervisor,
                                ProcessLauncher launcher, IoLoop io, Clock clock, SupervisorLog log,
                                DaemonFacts daemon) {
        SupervisorMethods s = new SupervisorMethods(control, supervisor, launcher, io, clock, log, daemon);
        s.registerIn(methods);
    }

    /** The work of one call on the control thread. */
    @FunctionalInterface
    private interface Work {
        CompletableFuture<Object> run() throws RpcError, IOException;
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
                    return onControl(() -> ops.sendStdin(name, chars.getBytes(StandardCharsets.UTF_8)));
                }));
        m.add(new RpcMethod("jsupervisor.rollingRestart", List.of("array", "string"),
                "Restarts a group's processes one at a time, each RUNNING again before the next; stops at the first "
                        + "that fails. Answers a result per process.", p -> {
                    String name = p.expect(1, 1).string(0);
                    return onControl(() -> ops.rollingRestart(ops.group(name)));
                }));
        m.add(method("sendRemoteCommEvent", List.of("boolean", "string", "string"),
                "Emits a REMOTE_COMMUNICATION event with the given type and data.", p -> {
                    p.expect(2, 2);
                    RemoteCommunicationEvent event = new RemoteCommunicationEvent(pythonText(p.raw(0)),
                            pythonText(p.raw(1)));
                    return onControl(() -> {
                        supervisor.events().publish(event);
                        return CompletableFuture.completedFuture(true);
                    });
                }));
    }

    /** A parameter as Python's {@code %s} shows it, for the event text supervisord builds that way. */
    private static String pythonText(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value == null ? "None" : String.valueOf(value);
    }

    /** Starts or stops one process, answering at once or, with {@code wait}, when it gets there. */
    @FunctionalInterface
    private interface WaitedOperation {
        CompletableFuture<Object> apply(String namespec, SupervisedProcess process, boolean wait) throws RpcError;
    }

    /**
     * Adds {@code <verb>Process}, {@code <verb>ProcessGroup} and {@code <verb>AllProcesses}, which apply
     * {@code one} to a process, to a group's processes that {@code applies} selects, and to all of them.
     */
    private void addWaited(RpcMethods m, String verb, Predicate<SupervisedProcess> applies, WaitedOperation one,
            String processHelp, String groupHelp, String allHelp) {
        m.add(method(verb + "Process", List.of("boolean", "string", "boolean"), processHelp, p -> {
            p.expect(1, 2);
            String name = p.string(0);
            boolean wait = p.flag(1, true);
            return onControl(() -> {
                ProcessOperations.Target target = ops.resolve(name);
                if (target.process() == null) {
                    return ops.forEach(target.groupOnly(), applies, (ns, g, pr) -> one.apply(ns, pr, wait));
                }
                return one.apply(name, target.process(), wait);
            });
        }));
        m.add(method(verb + "ProcessGroup", List.of("array", "string", "boolean"), groupHelp, p -> {
            p.expect(1, 2);
            String name = p.string(0);
            boolean wait = p.flag(1, true);
            return onControl(() -> ops.forEach(ops.group(name), applies, (ns, g, pr) -> one.apply(ns, pr, wait)));
        }));
        m.add(method(verb + "AllProcesses", List.of("array", "boolean"), allHelp, p -> {
            p.expect(0, 1);
            boolean wait = p.flag(0, true);
            return onControl(() -> ops.forEach(ops.all(false), applies, (ns, g, pr) -> one.apply(ns, pr, wait)));
        }));
    }

    private void registerProcessControl(RpcMethods m) {
        addWaited(m, "start", ops::isNotRunning, ops::startOne,
                "Starts a process (name, group:name or group:*); with wait, answers once it is RUNNING.",
                "Starts every process of a group that is not running; answers a result per process.",
                "Starts every process that is not running, groups in priority order.");
        addWaited(m, "stop", ops::isRunning, ops::stopOne,
                "Stops a process (name, group:name or group:*); with wait, answers once it has stopped.",
                "Stops every running process of a group; answers a result per process.",
                "Stops every running process.");
        m.add(method("signalProcess", List.of("boolean", "string", "string"),
                "Sends a signal (a name such as HUP, or a number) to a process.", p -> {
                    p.expect(2, 2);
                    String name = p.string(0);
                    Object signal = p.raw(1);
                    return onControl(() -> {
                        ProcessOperations.Target target = ops.resolve(name);
                        if (target.process() == null) {
                            return ops.forEach(target.groupOnly(), ops::isSignallable, (ns, g, pr) -> ops.signalOne(ns, pr, signal));
                        }
                        return ops.signalOne(name, target.process(), signal);
                    });
                }));
        m.add(method("signalProcessGroup", List.of("array", "string", "string"),
                "Sends a signal to every process of a group that can take one.", p -> {
                    p.expect(2, 2);
                    String name = p.string(0);
                    Object signal = p.raw(1);
                    return onControlUnchecked(() -> {
                        List<ProcessOperations.Target> targets = ops.group(name);
                        checkRunning();
                        return ops.forEach(targets, ops::isSignallable, (ns, g, pr) -> ops.signalOne(ns, pr, signal));
                    });
                }));
        m.add(method("signalAllProcesses", List.of("array", "string"),
                "Sends a signal to every process that can take one.", p -> {
                    Object signal = p.expect(1, 1).raw(0);
                    return onControlUnchecked(() -> {
                        CompletableFuture<Object> results = ops.forEach(ops.all(false), ops::isSignallable,
                                (ns, g, pr) -> ops.signalOne(ns, pr, signal));
                        checkRunning();
                        return results;
                    });
                }));
    }

    private void registerInfo(RpcMethods m) {
        m.add(method("getAllConfigInfo", List.of("array"),
                "Answers the configuration of every process of the configuration, active or not.", p -> {
                    p.expect(0, 0);
                    return onControl(() -> done(ops.configInfo()));
                }));
        m.add(method("getProcessInfo", List.of("struct", "string"), "Answers the state of one process.", p -> {
            String name = p.expect(1, 1).string(0);
            return onControl(() -> {
                ProcessOperations.Target target = ops.process(name);
                return done(ProcessInfo.of(target.group(), target.process(), clock.wallMillis(), zone));
            });
        }));
        m.add(method("getAllProcessInfo", List.of("array"),
                "Answers the state of every process, by group name then process name.", p -> {
                    p.expect(0, 0);
                    return onControl(() -> {
                        long now = clock.wallMillis();
                        List<Object> infos = new ArrayList<>();
                        for (ProcessOperations.Target t : ops.all(true)) {
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
                            Optional<Path> file = ops.logFile(ops.process(name), channel);
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
                            Optional<Path> file = ops.logFile(ops.process(name), channel);
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
                    return onControl(() -> ops.clearLogs(name, ops.process(name)));
                }));
        m.alias("supervisor.clearProcessLog", "supervisor.clearProcessLogs");
        m.add(method("clearAllProcessLogs", List.of("array"), "Empties the logs of every process.", p -> {
            p.expect(0, 0);
            return onControl(() -> ops.forEach(ops.all(false), process -> true, (ns, g, pr) -> ops.clearLogs(ns, new ProcessOperations.Target(g, pr))));
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
}
