package io.jsupervisor.service.process;

import java.util.PriorityQueue;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.Scheduler;

/** Test clock and scheduler in one: time moves only when told, running due timers in order. */
public final class FakeTime implements Clock, Scheduler {
    private static final long WALL_START = 1_700_000_000_000L;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order = sequence++;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long wallMillis() {
        return WALL_START + now / 1_000_000;
    }

    /** Runs {@code task} at the current time, once time is next advanced (by 0 or more). */
    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        Task t = new Task(now + delayNanos, task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward by {@code seconds}, running every timer that falls due on the way. */
    public void advance(double seconds) {
        long target = now + (long) (seconds * 1e9);
        while (!tasks.isEmpty() && tasks.peek().due <= target) {
            Task t = tasks.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled) {
                t.action.run();
            }
        }
        now = target;
    }

    /** The seconds since this fake clock started, for readable assertions. */
    public double seconds() {
        return (now - 1_000_000_000L) / 1e9;
    }
}
