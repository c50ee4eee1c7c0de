package io.jsupervisor.daemon;

import java.nio.file.Path;
import io.jsupervisor.service.daemon.DaemonControl;
import io.jsupervisor.service.platform.NativeException;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonController;
import org.apache.commons.daemon.DaemonInitException;
import org.apache.commons.daemon.DaemonUserSignal;

/**
 * jsupervisord run by jsvc (Apache Commons Daemon), which detaches it and writes its pidfile for the
 * init script. {@code init} takes jsupervisord's command line, loads and checks the configuration and
 * switches to {@code [supervisord] user}; {@code start} returns once the supervisor serves;
 * {@code stop} (jsvc's SIGTERM or SIGINT) stops every program in priority order and waits for them.
 *
 * <p>jsvc installs its own handlers of HUP, USR1, USR2, TERM and INT after {@code start} returns, and
 * its HUP would restart the whole JVM, orphaning every program. A watcher takes HUP back as soon as
 * jsvc has replaced it, so SIGHUP reloads as supervisord's does. USR2 stays jsvc's, which calls
 * {@link #signal()}: the logs are reopened. USR1 stays jsvc's: it reopens jsvc's output files.
 *
 * <p>jsvc calls {@code init}, {@code start}, {@code stop} and {@code destroy} from one thread and
 * {@code signal} from its signal loop.
 */
public final class JsvcDaemon implements Daemon, DaemonUserSignal {
    private static final int SIGHUP = 1;
    /** jsvc replaces the handlers right after start() returns; a minute covers any loaded machine. */
    private static final long TAKEOVER_WATCH_NANOS = 60_000_000_000L;
    private static final long TAKEOVER_POLL_MILLIS = 10;

    private DaemonController controller;
    private DaemonControl daemon;
    private volatile boolean stopping;

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        controller = context.getController();
        Path home = Path.of(System.getProperty("jsupervisor.home", "."));
        try {
            daemon = DaemonControl.load(context.getArguments(), home, System.out, System.err);
        } catch (DaemonControl.StartupException e) {
            throw new DaemonInitException(e.getMessage());
        }
    }

    @Override
    public void start() throws Exception {
        daemon.start();
        // a shutdown through the RPC ends the supervisor without jsvc knowing: have jsvc end the JVM
        daemon.ended().thenRun(() -> {
            if (!stopping) {
                controller.shutdown();
            }
        });
        long ours = daemon.nativeSignalHandler(SIGHUP);
        Thread watcher = new Thread(() -> reclaimHangupFromJsvc(ours), "jsvc-sighup");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Waits for jsvc to replace the HUP handler, then installs the daemon's again. */
    private void reclaimHangupFromJsvc(long ours) {
        long deadline = System.nanoTime() + TAKEOVER_WATCH_NANOS;
        try {
            while (System.nanoTime() < deadline) {
                if (daemon.nativeSignalHandler(SIGHUP) != ours) {
                    daemon.reclaimSignal("HUP");
                    return;
                }
                Thread.sleep(TAKEOVER_POLL_MILLIS);
            }
        } catch (NativeException e) {
            System.err.println("jsupervisord: cannot watch the SIGHUP handler: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void signal() {
        daemon.signal("USR2");
    }

    @Override
    public void stop() throws Exception {
        stopping = true;
        daemon.stop();
    }

    /** Nothing is left to release: {@link #stop} has waited for every program and closed every server. */
    @Override
    public void destroy() {
    }
}
