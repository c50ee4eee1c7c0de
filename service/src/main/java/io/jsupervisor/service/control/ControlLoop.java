package io.jsupervisor.service.control;

import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that owns every process's state. Other threads hand it work with {@link #execute}
 * or {@link #submit} and get a future back; the state machine sets timers with {@link #schedule}.
 * The thread sleeps until a command arrives or the next timer is due, so an idle supervisor uses no
 * CPU, and a command or a timer is acted on at once.
 *
 * <p>Commands run in the order they were posted; commands posted before a timer fell due run before
 * it. {@code execute}/{@code submit} are thread-safe; {@code schedule} is for the control thread.
 */
public final class ControlLoop implements Scheduler, AutoCloseable {
    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final PriorityQueue<TimerTask> timers = new PriorityQueue<>();
    private final Clock clock;
    private final Consumer<Throwable> failureHandler;
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;

    /**
     * @param failureHandler told of any exception a command or timer throws; the loop goes on
     */
    public ControlLoop(Clock clock, Consumer<Throwable> failureHandler) {
        this.clock = clock;
        this.failureHandler = failureHandler;
        this.thread = new Thread(this::run, "jsupervisor-control");
    }

    public void start() {
        thread.start();
    }

    /** Whether the caller is the control thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code command} on the control thread, after the commands already posted. */
    @Override
    public void execute(Runnable command) {
        commands.add(command);
    }

    /** Runs {@code work} on the control thread; the future completes with its result or exception. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        TimerTask timer = new TimerTask(clock.nanoTime() + delayNanos, sequence++, task);
        timers.add(timer);
        return timer;
    }

    /** Stops the loop after the commands already posted; waits for the thread to end. */
    @Override
    public void close() {
        execute(() -> running = false);
        if (!inLoop()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                Runnable command = commands.poll(untilNextTimer(), TimeUnit.NANOSECONDS);
                if (command != null) {
                    command.run();
                    // Take everything already waiting before looking at timers.
                    while (running && (command = commands.poll()) != null) {
                        command.run();
                    }
                }
                runDueTimers();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                failureHandler.accept(e);
            }
        }
    }

    private long untilNextTimer() {
        TimerTask next;
        while ((next = timers.peek()) != null && next.cancelled) {
            timers.poll();
        }
        return next == null ? Long.MAX_VALUE : Math.max(0, next.due - clock.nanoTime());
    }

    private void runDueTimers() {
        long now = clock.nanoTime();
        TimerTask next;
        while (running && (next = timers.peek()) != null && next.due <= now) {
            timers.poll();
            if (!next.cancelled) {
                next.cancelled = true;
                next.task.run();
            }
        }
    }

    private static final class TimerTask implements Timer, Comparable<TimerTask> {
        final long due;
        final long order;
        final Runnable task;
        boolean cancelled;

        TimerTask(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(TimerTask other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }
}
