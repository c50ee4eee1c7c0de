package io.jsupervisor.service.daemon;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.service.platform.NativeException;

/**
 * The daemon driven by a host process instead of {@link Main}: load, start, signal and stop, as
 * jsvc's {@code Daemon} interface calls them. It takes supervisord's command line and runs the
 * configuration whatever its {@code nodaemon} says (the host has detached it), restarting on
 * SIGHUP as the foreground daemon does.
 *
 * <p>{@link #load}, {@link #start} and {@link #stop} are called from one thread at a time;
 * {@link #signal} from any. The supervisor runs on a thread of its own, {@code jsupervisord}.
 */
public final class DaemonControl {
    private final Daemon daemon;
    private final Main.Launch launch;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private Thread thread;

    private DaemonControl(Daemon daemon, Main.Launch launch) {
        this.daemon = daemon;
        this.launch = launch;
    }

    /** Why the daemon cannot start or has ended: its exit status, with the reason already printed. */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        StartupException(int status) {
            super("jsupervisord ended with exit status " + status + "; the lines before say why");
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Parses {@code args} as jsupervisord's command line, loads and checks the configuration, then
     * does what must happen as the starting user (root at boot): switching to {@code [supervisord]
     * user}, raising limits, taking the signals. Problems are printed to {@code err}.
     */
    public static DaemonControl load(String[] args, Path home, PrintStream out, PrintStream err)
            throws StartupException {
        HostEnvironment host = HostEnvironment.current();
        Main.Launch launch;
        try {
            launch = new Main(out, err, host, home).load(args);
        } catch (Main.Exit e) {
            throw new StartupException(e.status == 0 ? Main.EXIT_USAGE : e.status);
        }
        Daemon daemon = new Daemon(host, out, err);
        int refused = daemon.prepare(launch.config());
        if (refused != 0) {
            throw new StartupException(refused);
        }
        return new DaemonControl(daemon, launch);
    }

    /**
     * Starts the supervisor and returns once it serves (servers listening, pidfile written, programs
     * starting), or throws when it ended before that.
     */
    public void start() throws StartupException, InterruptedException {
        thread = new Thread(() -> {
            try {
                exit.complete(daemon.serve(launch.config(), launch.file(), launch.overrides()));
            } catch (InterruptedException e) {
                exit.complete(1);
            } catch (RuntimeException | Error e) {
                exit.completeExceptionally(e);
                throw e;
            }
        }, "jsupervisord");
        thread.start();
        try {
            CompletableFuture.anyOf(daemon.serving(), exit).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("jsupervisord failed to start", e.getCause());
        }
        if (exit.isDone()) {
            throw new StartupException(exit.join());
        }
    }

    /** Completes with the exit status once the supervisor has ended, by {@link #stop} or by itself (shutdown). */
    public CompletableFuture<Integer> ended() {
        return exit;
    }

    /** Acts on a signal by name (TERM, INT, HUP, USR2) as the foreground daemon does. */
    public void signal(String name) {
        daemon.signal(name);
    }

    /**
     * Stops every program in priority order, as SIGTERM does, and waits for the supervisor to end;
     * returns its exit status.
     */
    public int stop() throws InterruptedException {
        daemon.requestExit();
        if (thread != null) {
            thread.join();
        }
        return exit.isCompletedExceptionally() ? 1 : exit.getNow(0);
    }

    /** The address of the native handler now installed for signal number {@code signal}. */
    public long nativeSignalHandler(int signal) throws NativeException {
        return daemon.nativeSignalHandler(signal);
    }

    /** Installs the daemon's handler of signal {@code name} again, after native code replaced it. */
    public void reclaimSignal(String name) {
        daemon.reclaimSignal(name);
    }
}
