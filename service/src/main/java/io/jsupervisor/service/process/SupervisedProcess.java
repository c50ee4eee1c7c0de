package io.jsupervisor.service.process;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.types.Signals;
import io.jsupervisor.service.control.Scheduler;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.WaitStatus;
import io.jsupervisor.service.state.ProcessState;

/**
 * One supervised process and its state machine, with supervisord 4.2's rules: a start that exits
 * within {@code startsecs} goes to BACKOFF and is retried after 1, 2, 3... seconds until
 * {@code startretries} is spent (then FATAL); an exit from RUNNING is EXITED and restarted as
 * {@code autorestart} and {@code exitcodes} say; a stop sends {@code stopsignal} and then SIGKILL
 * every {@code stopwaitsecs} until the child is gone.
 *
 * <p>Unlike supervisord, nothing polls: every deadline is a timer, and an exit is handled as soon as
 * it is seen, judged by the time it was seen. A program that dies within {@code startsecs} is
 * therefore never promoted to RUNNING because the check came late (supervisord issue #1285).
 *
 * <p>Confined to the control thread.
 */
public final class SupervisedProcess {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int SIGKILL = 9;

    private final ProcessConfig config;
    private final String group;
    private final ProcessContext context;
    private final ProcessOutput output;
    private final Optional<GroupSocket> socket;

    private ProcessState state = ProcessState.STOPPED;
    private int pid;
    private long laststartNanos;
    private long laststartWallMillis;
    private long laststopWallMillis;
    private int backoff;
    private String spawnerr;
    private Integer exitstatus;
    private Scheduler.Timer timer;

    /** @param socket the listening socket of its fcgi-program group, which it is started with */
    public SupervisedProcess(ProcessConfig config, String group, ProcessContext context, ProcessOutput output,
                             Optional<GroupSocket> socket) {
        this.config = config;
        this.group = group;
        this.context = context;
        this.output = output;
        this.socket = socket;
    }

    public ProcessConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public String group() {
        return group;
    }

    public ProcessState state() {
        return state;
    }

    /** The running child's pid, or 0. */
    public int pid() {
        return pid;
    }

    /** The failed starts since the process last ran long enough or was given up (supervisord's backoff count). */
    public int backoff() {
        return backoff;
    }

    /** When the process was last started (epoch millis), or 0 if never. */
    public long laststartWallMillis() {
        return laststartWallMillis;
    }

    /** When the process last stopped or exited (epoch millis), or 0 if never. */
    public long laststopWallMillis() {
        return laststopWallMillis;
    }

    /** Why the last start failed, as supervisord words it. */
    public Optional<String> spawnerr() {
        return Optional.ofNullable(spawnerr);
    }

    /** The last exit status (-1 after a death by signal), if the process has exited since it last started. */
    public OptionalInt exitstatus() {
        return exitstatus == null ? OptionalInt.empty() : OptionalInt.of(exitstatus);
    }

    /** Starts the process if it was never started and {@code autostart} is set. */
    public void autostart() {
        if (state == ProcessState.STOPPED && laststartWallMillis == 0 && config.autostart()
                && context.mayStart().getAsBoolean()) {
            spawn();
        }
    }

    /** Starts a child now (from STOPPED, EXITED, FATAL, BACKOFF or UNKNOWN). */
    public void spawn() {
        if (pid != 0) {
            log(LogLevel.WARN, "process '" + name() + "' already running");
            return;
        }
        spawnerr = null;
        exitstatus = null;
        laststartNanos = context.clock().nanoTime();
        laststartWallMillis = context.clock().wallMillis();
        changeTo(ProcessState.STARTING, true);
        try {
            Optional<InheritedSocket> inherited = socket.isPresent() ? Optional.of(socket.get().acquire()) : Optional.empty();
            pid = context.launcher().launch(config, group, inherited, output, this::exited);
        } catch (LaunchException e) {
            spawnerr = e.getMessage();
            log(LogLevel.INFO, "spawnerr: " + spawnerr);
            enterBackoff();
            return;
        }
        log(LogLevel.INFO, "spawned: '" + name() + "' with pid " + pid);
        // supervisord requires strictly more than startsecs to have passed.
        schedule(config.startsecs() * NANOS_PER_SECOND + 1, this::startsecsPassed);
    }

    /** Stops the process as an operator asks: {@code stopsignal}, then SIGKILL after {@code stopwaitsecs}. */
    public Optional<String> stop() {
        return kill(config.stopsignal());
    }

    /** At supervisor shutdown a process waiting to retry is given up instead of stopped. */
    public void giveUp() {
        if (state == ProcessState.BACKOFF) {
            backoff = 0;
            changeTo(ProcessState.FATAL, true);
        }
    }

    /**
     * Sends a signal meant to stop the child; from BACKOFF it just goes to STOPPED.
     *
     * @return an error text when the signal could not be sent
     */
    public Optional<String> kill(int signal) {
        if (state == ProcessState.BACKOFF) {
            log(LogLevel.DEBUG, "Attempted to kill " + name() + ", which is in BACKOFF state.");
            changeTo(ProcessState.STOPPED, true);
            return Optional.empty();
        }
        if (pid == 0) {
            String message = "attempted to kill " + name() + " with sig SIG" + Signals.name(signal)
                    + " but it wasn't running";
            log(LogLevel.DEBUG, message);
            return Optional.of(message);
        }
        boolean asGroup = state == ProcessState.STOPPING ? config.killasgroup() : config.stopasgroup();
        log(LogLevel.DEBUG, "killing " + name() + " (pid " + pid + ") " + (asGroup ? "process group " : "")
                + "with signal SIG" + Signals.name(signal));
        if (state != ProcessState.STOPPING) {
            changeTo(ProcessState.STOPPING, true);
        }
        schedule(config.stopwaitsecs() * NANOS_PER_SECOND, this::stopwaitsecsPassed);
        return send(signal, asGroup, "just exited on its own", "unknown problem killing " + name());
    }

    /**
     * Sends a signal that is not meant to stop the child (supervisorctl's {@code signal}).
     *
     * @return an error text when the signal could not be sent
     */
    public Optional<String> signal(int signal) {
        if (pid == 0) {
            String message = "attempted to send " + name() + " sig SIG" + Signals.name(signal)
                    + " but it wasn't running";
            log(LogLevel.DEBUG, message);
            return Optional.of(message);
        }
        log(LogLevel.DEBUG, "sending " + name() + " (pid " + pid + ") sig SIG" + Signals.name(signal));
        return send(signal, false, "just now exited on its own", "unknown problem sending sig " + name());
    }

    /**
     * Signals the child (or its group); a child already gone is left for the reaper, any other failure
     * leaves the process UNKNOWN. The texts are supervisord's for stopping and for signalling.
     */
    private Optional<String> send(int signal, boolean group, String goneText, String failureText) {
        try {
            if (!context.launcher().kill(pid, signal, group)) {
                log(LogLevel.DEBUG, "unable to signal " + name() + " (pid " + pid + "), it probably " + goneText
                        + ": [Errno 3] No such process");
            }
            return Optional.empty();
        } catch (NativeException e) {
            String message = failureText + " (" + pid + "):" + e.getMessage();
            log(LogLevel.CRITICAL, message);
            cancelTimer();
            changeTo(ProcessState.UNKNOWN, true);
            return Optional.of(message);
        }
    }

    /** The child was reaped; {@code observedAtNanos} is when its exit was first seen. */
    void exited(WaitStatus status, long observedAtNanos) {
        cancelTimer();
        int es = status.supervisordExitStatus();
        String how = status.describe();
        laststopWallMillis = context.clock().wallMillis();
        boolean tooQuickly = observedAtNanos - laststartNanos < config.startsecs() * NANOS_PER_SECOND;
        boolean expected = config.exitcodes().contains(es);
        // The pid stays until the state changes are announced: their events report it, as supervisord's do.
        if (state == ProcessState.STOPPING) {
            exitstatus = es;
            changeTo(ProcessState.STOPPED, true);
            pid = 0;
            log(expected ? LogLevel.INFO : LogLevel.WARN, "stopped: " + name() + " (" + how + ")");
        } else if (state == ProcessState.STARTING && tooQuickly) {
            exitstatus = null;
            spawnerr = "Exited too quickly (process log may have details)";
            changeTo(ProcessState.BACKOFF, true);
            pid = 0;
            log(LogLevel.WARN, "exited: " + name() + " (" + how + "; not expected)");
            backoffDecided();
        } else {
            backoff = 0;
            exitstatus = es;
            if (state == ProcessState.STARTING) {
                // It stayed up past startsecs (0, or its timer is still queued behind this exit): the
                // success comes first, as supervisord's next tick after the spawn would log it.
                startsecsPassed();
            }
            if (!expected) {
                spawnerr = "Bad exit code " + es;
            }
            changeTo(ProcessState.EXITED, expected);
            pid = 0;
            log(expected ? LogLevel.INFO : LogLevel.WARN,
                    "exited: " + name() + " (" + how + (expected ? "; expected)" : "; not expected)"));
            restartIfWanted(expected);
        }
    }

    private void restartIfWanted(boolean expected) {
        if (!context.mayStart().getAsBoolean()) {
            return;
        }
        Autorestart autorestart = config.autorestart();
        if (autorestart == Autorestart.ALWAYS || (autorestart == Autorestart.UNEXPECTED && !expected)) {
            spawn();
        }
    }

    private void startsecsPassed() {
        if (state == ProcessState.STARTING) {
            backoff = 0;
            changeTo(ProcessState.RUNNING, true);
            log(LogLevel.INFO, "success: " + name() + " entered RUNNING state, process has stayed up for > than "
                    + config.startsecs() + " seconds (startsecs)");
        }
    }

    private void enterBackoff() {
        changeTo(ProcessState.BACKOFF, true);
        backoffDecided();
    }

    /** After entering BACKOFF (and logging why): give up, or retry after as many seconds as retries so far. */
    private void backoffDecided() {
        if (backoff > config.startretries()) {
            backoff = 0;
            changeTo(ProcessState.FATAL, true);
            log(LogLevel.INFO, "gave up: " + name() + " entered FATAL state, too many start retries too quickly");
        } else {
            schedule(backoff * NANOS_PER_SECOND + 1, () -> {
                if (state == ProcessState.BACKOFF && context.mayStart().getAsBoolean()) {
                    spawn();
                }
            });
        }
    }

    private void stopwaitsecsPassed() {
        if (state == ProcessState.STOPPING) {
            log(LogLevel.WARN, "killing '" + name() + "' (" + pid + ") with SIGKILL");
            kill(SIGKILL);
        }
    }

    private void changeTo(ProcessState target, boolean expected) {
        ProcessState from = state;
        if (!from.canChangeTo(target)) {
            throw new IllegalStateException(name() + ": " + from + " cannot change to " + target);
        }
        if (target != ProcessState.STARTING && target != ProcessState.STOPPING) {
            cancelTimer();
        }
        if (target == ProcessState.BACKOFF) {
            backoff++;
        }
        state = target;
        context.listener().stateChanged(this, from, target, expected);
    }

    private void schedule(long delayNanos, Runnable task) {
        cancelTimer();
        timer = context.scheduler().schedule(delayNanos, task);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void log(LogLevel level, String message) {
        context.log().log(level, message);
    }
}
