package io.jsupervisor.service.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.ConfigLoader;
import io.jsupervisor.config.ConfigProblem;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.log.MainLog;
import io.jsupervisor.service.log.MainLogOutput;
import io.jsupervisor.service.log.MainLogSetup;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.Platform;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import io.jsupervisor.service.process.ChildLauncher;
import io.jsupervisor.service.process.ProcessGroup;
import io.jsupervisor.service.process.Supervisor;
import io.jsupervisor.service.http.HttpServerException;
import io.jsupervisor.service.http.HttpServers;
import io.jsupervisor.service.rpc.HttpViews;
import io.jsupervisor.service.rpc.RpcDispatcher;
import io.jsupervisor.service.rpc.RpcMethods;
import io.jsupervisor.service.surface.ControlSurface;
import io.jsupervisor.service.surface.DaemonRun;
import io.jsupervisor.service.state.SupervisorState;
import org.slf4j.LoggerFactory;

/**
 * The daemon in the foreground: sets up the main log, runs the supervisor until a signal asks it to
 * stop, and on SIGHUP stops everything, reads the configuration again and starts over, as
 * supervisord does.
 *
 * <p>Runs on the thread that calls {@link #run}; the supervisor itself runs on its control thread.
 */
final class Daemon {
    private final HostEnvironment host;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Platform platform = new LinuxPlatform();
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final long ORPHAN_GRACE_MILLIS = 10_000;
    /** How often adopted processes are checked while they are given time to exit. */
    private static final long ORPHAN_POLL_MILLIS = 50;

    private volatile boolean exitRequested;
    /** The exit status the last run ended with (1 after an {@code on_fatal=shutdown}). */
    private int exitStatus;
    private SignalRelay signals;
    private final CompletableFuture<Void> serving = new CompletableFuture<>();
    /** The event bus of the current run; a new run's bus numbers events on from the last one's. */
    private EventBus events = new EventBus(-1);
    /** The uid the daemon runs as: the starting one, or {@code [supervisord] user} once switched to it. */
    private int uid;
    /** The "Set uid ... succeeded" line, logged once the main log exists. */
    private Optional<String> switchedUser = Optional.empty();
    /** "Increased ... limit" lines, logged once the main log exists. */
    private final List<String> raisedLimits = new ArrayList<>();

    Daemon(HostEnvironment host, PrintStream stdout, PrintStream stderr) {
        this.host = host;
        this.uid = host.uid();
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A signal while no supervisor runs (before the first, between restarts): TERM and INT mean exit. */
    private void signalBetweenRuns(String name) {
        if (name.equals("TERM") || name.equals("INT")) {
            exitRequested = true;
        }
    }

    /** Runs until shut down; returns the exit status. */
    int run(Configuration first, Path file, Map<String, String> overrides) throws InterruptedException {
        int refused = prepare(first);
        return refused != 0 ? refused : serve(first, file, overrides);
    }

    /**
     * What comes before the first run, as root when started as root: switches to {@code [supervisord]
     * user}, raises the limits and takes the signals. Returns 0, or the exit status after printing why not.
     */
    int prepare(Configuration first) {
        // Start the logging system while its jars can still be read: after a switch of user they may not
        // be (a checkout under /root). Log files are opened later, as the new user.
        LoggerFactory.getILoggerFactory();
        Optional<String> refused = switchUser(first).or(() -> raiseLimitsOrExplain(first));
        if (refused.isPresent()) {
            stderr.println("Error: " + refused.get());
            stderr.println("For help, use jsupervisord -h");
            return Main.EXIT_USAGE;
        }
        signals = new SignalRelay(this::signalBetweenRuns);
        return 0;
    }

    /** Completes once the first run serves: its servers listen, its pidfile is written, its programs start. */
    CompletableFuture<Void> serving() {
        return serving;
    }

    /** Acts on a signal by name as if it had arrived (after {@link #prepare}); from any thread. */
    void signal(String name) {
        signals.deliver(name);
    }

    /** Shuts down as SIGTERM does, also between runs; from any thread. */
    void requestExit() {
        exitRequested = true;
        signals.deliver("TERM");
    }

    /** Installs the daemon's handler of {@code name} again, after native code replaced it. */
    void reclaimSignal(String name) {
        signals.reclaim(name);
    }

    /** The address of the native handler now installed for signal number {@code signal}. */
    long nativeSignalHandler(int signal) throws NativeException {
        return platform.signalHandler(signal);
    }

    /** Runs the supervisor, again after each SIGHUP, until shut down (after {@link #prepare}); returns the exit status. */
    int serve(Configuration first, Path file, Map<String, String> overrides) throws InterruptedException {
        Configuration config = first;
        while (true) {
            SupervisorState outcome;
            try {
                outcome = runOnce(config, file, overrides);
            } catch (HttpServerException e) {
                stderr.println("Error: " + e.getMessage());
                stderr.println("For help, use jsupervisord -h");
                return Main.EXIT_USAGE;
            } catch (IOException | NativeException | ExecutionException e) {
                stderr.println("Error: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            if (outcome != SupervisorState.RESTARTING || exitRequested) {
                return exitStatus;
            }
            try {
                config = new ConfigLoader(host).load(file, overrides);
            } catch (ConfigException e) {
                e.errors().forEach(problem -> stderr.println("Error: " + problem));
                return Main.EXIT_USAGE;
            }
        }
    }

    private SupervisorState runOnce(Configuration config, Path file, Map<String, String> overrides)
            throws IOException, NativeException, InterruptedException, ExecutionException {
        MainLogOutput mainLog = MainLogSetup.configure(config.supervisord(), stdout, platform::syslog);
        MainLog log = new MainLog(config.supervisord().loglevel());
        startupMessages(config, log);
        ControlLoop control = new ControlLoop(Clock.SYSTEM,
                e -> log.log(LogLevel.CRITICAL, "uncaught exception on the control thread: " + describe(e)));
        IoLoop io = new IoLoop(platform, Clock.SYSTEM,
                e -> log.log(LogLevel.CRITICAL, "I/O thread failure: " + describe(e)));
        boolean adoptsOrphans = platform.pid() == 1 || config.supervisord().subreaper();
        if (config.supervisord().subreaper() && platform.pid() != 1) {
            platform.becomeSubreaper();
        }
        ChildLauncher launcher = new ChildLauncher(platform, io, control, host.environment(), config.serverUrl(),
                uid, log, adoptsOrphans);
        events = new EventBus(events.lastSerial());
        Supervisor supervisor = new Supervisor(config, Clock.SYSTEM, control, launcher, io, log, platform::syslog,
                platform, events);
        supervisor.onChildQuit(launcher::reapOrphans);
        supervisor.alsoReopenOnSignal(() -> {
            try {
                mainLog.reopen();
                log.log(LogLevel.INFO, "supervisord logreopen");
            } catch (IOException e) {
                log.log(LogLevel.CRITICAL, "cannot reopen the main log: " + e.getMessage());
            }
        });
        io.start();
        control.start();
        Path pidfile = config.supervisord().pidfile();
        HttpServers http = null;
        List<AutoCloseable> served = new ArrayList<>();
        try {
            control.submit(() -> {
                supervisor.addGroups();
                return null;
            }).get();
            List<ControlSurface> surfaces = ServiceLoader.load(ControlSurface.class).stream()
                    .map(ServiceLoader.Provider::get).filter(s -> s.serves(config)).toList();
            if (!config.httpServers().isEmpty() || !surfaces.isEmpty()) {
                // Without a server or surface nothing of the control plane is loaded: it costs ~7 MB of memory.
                ControlPlane.Run run = new ControlPlane.Run(config, file, overrides, host, platform.pid(), control,
                        supervisor, launcher, io, log, mainLog);
                RpcMethods methods = ControlPlane.methods(run);
                if (!config.httpServers().isEmpty()) {
                    RpcDispatcher rpc = ControlPlane.dispatcher(run, methods, ForkJoinPool.commonPool());
                    HttpViews views = new HttpViews(control, supervisor, Clock.SYSTEM, ControlPlane.mainLogFile(config));
                    http = new HttpServers(config.httpServers(), rpc, views, views, ControlPlane.calls(methods), log);
                    http.start();
                }
                for (ControlSurface surface : surfaces) {
                    served.add(surface.start(new DaemonRun(config, file, control, supervisor, methods, log,
                            platform.pid())));
                }
            }
            writePidfile(pidfile, log);
            signals.target(name -> control.execute(() -> supervisor.signal(name)));
            if (exitRequested) {
                control.execute(() -> supervisor.signal("TERM"));
            }
            control.execute(supervisor::autostart);
            serving.complete(null);
            SupervisorState outcome = supervisor.finished().get();
            exitStatus = supervisor.exitStatus();
            if (adoptsOrphans) {
                stopOrphans(control, launcher, log);
            }
            return outcome;
        } finally {
            signals.target(this::signalBetweenRuns);
            if (http != null) {
                http.close();
            }
            for (AutoCloseable surface : served) {
                try {
                    surface.close();
                } catch (Exception e) {
                    log.log(LogLevel.WARN, "cannot stop a control surface: " + e.getMessage());
                }
            }
            control.close();
            io.close();
            // Both threads have ended, so the groups and their log files can be touched from here.
            for (ProcessGroup group : supervisor.groups()) {
                group.closeLogs();
            }
            Files.deleteIfExists(pidfile);
            mainLog.close();
        }
    }

    private Optional<String> raiseLimitsOrExplain(Configuration config) {
        try {
            return raiseLimits(config);
        } catch (NativeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Runs the daemon as {@code [supervisord] user} (or {@code -u}), as supervisord does before it
     * opens its log: nothing to do when already that user; refused when not root.
     */
    private Optional<String> switchUser(Configuration config) {
        Optional<Account> user = config.supervisord().user();
        if (user.isEmpty() || user.get().uid() == host.uid()) {
            return Optional.empty();
        }
        if (host.uid() != 0) {
            return Optional.of("Can't drop privilege as nonroot user");
        }
        try {
            platform.switchUser(user.get().name(), user.get().uid(), user.get().gid());
        } catch (NativeException e) {
            return Optional.of("Could not set user to " + user.get().name() + ": " + e.getMessage());
        }
        switchedUser = Optional.of("Set uid to user " + user.get().uid() + " succeeded");
        uid = user.get().uid();
        return Optional.empty();
    }

    /**
     * Raises the soft limits of open files and processes to {@code minfds} and {@code minprocs} (and
     * the hard ones too when below, which needs root), as supervisord does at its first start.
     */
    private Optional<String> raiseLimits(Configuration config) throws NativeException {
        return raise(Platform.Resource.OPEN_FILES, config.supervisord().minfds(), "The minimum number of file descriptors "
                + "required to run this process is %d as per the \"minfds\" command-line argument or config file "
                + "setting. The current environment will only allow you to open %d file descriptors.  Either raise "
                + "the number of usable file descriptors in your environment or lower the minfds setting in the "
                + "config file to allow the process to start.")
                .or(() -> raiseOrExplain(Platform.Resource.PROCESSES, config.supervisord().minprocs(), "The minimum number of available "
                + "processes required to run this program is %d as per the \"minprocs\" command-line argument or "
                + "config file setting. The current environment will only allow you to open %d processes.  Either "
                + "raise the number of usable processes in your environment or lower the minprocs setting in the "
                + "config file to allow the program to start."));
    }

    private Optional<String> raiseOrExplain(Platform.Resource resource, int minimum, String refusal) {
        try {
            return raise(resource, minimum, refusal);
        } catch (NativeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Raises one limit; returns supervisord's explanation when the system refuses. */
    private Optional<String> raise(Platform.Resource resource, int minimum, String refusal) throws NativeException {
        Platform.ResourceLimit limit = platform.limit(resource);
        if (limit.soft() >= minimum || limit.soft() == -1) {
            return Optional.empty();
        }
        long hard = limit.hard() != -1 && limit.hard() < minimum ? minimum : limit.hard();
        try {
            platform.setLimit(resource, new Platform.ResourceLimit(minimum, hard));
        } catch (NativeException e) {
            return Optional.of(String.format(refusal, minimum, limit.hard()));
        }
        raisedLimits.add("Increased " + resource.systemName() + " limit to " + minimum);
        return Optional.empty();
    }

    /**
     * After every program has stopped, stops the descendants this daemon adopted (programs that
     * daemonized themselves), so none outlives the supervisor: SIGTERM, then SIGKILL after
     * {@value #ORPHAN_GRACE_MILLIS} ms. Their exits are reaped on SIGCHLD as usual.
     */
    private void stopOrphans(ControlLoop control, ChildLauncher launcher, MainLog log)
            throws InterruptedException, ExecutionException, NativeException {
        List<Integer> orphans = control.submit(launcher::adoptedOrphans).get();
        for (int pid : orphans) {
            log.log(LogLevel.INFO, "stopping adopted pid " + pid + " with SIGTERM");
            platform.kill(pid, SIGTERM, false);
        }
        long deadline = System.currentTimeMillis() + ORPHAN_GRACE_MILLIS;
        while (!orphans.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(ORPHAN_POLL_MILLIS);
            orphans = control.submit(launcher::adoptedOrphans).get();
        }
        for (int pid : orphans) {
            log.log(LogLevel.WARN, "killing adopted pid " + pid + " with SIGKILL");
            platform.kill(pid, SIGKILL, false);
        }
    }

    /** The lines supervisord logs before its first process starts. */
    private void startupMessages(Configuration config, MainLog log) {
        switchedUser.ifPresent(line -> log.log(LogLevel.INFO, line));
        switchedUser = Optional.empty();
        if (uid == 0 && config.supervisord().user().isEmpty()) {
            log.log(LogLevel.CRITICAL, "Supervisor is running as root.  Privileges were not dropped because no user "
                    + "is specified in the config file.  If you intend to run as root, you can set user=root in the "
                    + "config file to avoid this message.");
        }
        for (ConfigProblem warning : config.warnings()) {
            log.log(LogLevel.WARN, warning.toString());
        }
        config.includedFiles().forEach(f -> log.log(LogLevel.INFO, "Included extra file \"" + f + "\" during parsing"));
        raisedLimits.forEach(line -> log.log(LogLevel.INFO, line));
        raisedLimits.clear();
    }

    private void writePidfile(Path pidfile, MainLog log) {
        try {
            Files.writeString(pidfile, platform.pid() + "\n");
            log.log(LogLevel.INFO, "supervisord started with pid " + platform.pid());
        } catch (IOException e) {
            log.log(LogLevel.CRITICAL, "could not write pidfile " + pidfile);
        }
    }

    private static String describe(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
