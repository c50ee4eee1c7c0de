package io.jsupervisor.service.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.Pipe;
import io.jsupervisor.service.platform.Platform;
import io.jsupervisor.service.platform.PollSet;

/**
 * The one thread that reads every child's stdout and stderr and notices every child's exit. It
 * sleeps in {@code poll} until a pipe has data, a pidfd says a child ended, or work is handed to it;
 * it reads at most {@value #BUDGET} bytes from one pipe before serving the others, so a chatty child
 * cannot starve a quiet one, and it never drops a byte.
 *
 * <p>{@link #readInto}, {@link #watchExit} and {@link #execute} are thread-safe; everything else
 * runs on the I/O thread.
 */
public final class IoLoop implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    /** The most read from one pipe before the others get their turn. */
    private static final int BUDGET = 4 * BUFFER_SIZE;

    private final Platform platform;
    private final Clock clock;
    private final Consumer<Throwable> failureHandler;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final List<Watched> watched = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer wakeByte = ByteBuffer.allocateDirect(1);
    private final Pipe wake;
    private final Thread thread;
    private volatile boolean running = true;

    /** A descriptor being watched and what to do when it is ready; returns false once it is finished. */
    private interface Watched {
        int fd();

        boolean ready() throws NativeException;
    }

    public IoLoop(Platform platform, Clock clock, Consumer<Throwable> failureHandler) throws NativeException {
        this.platform = platform;
        this.clock = clock;
        this.failureHandler = failureHandler;
        this.wake = platform.pipe();
        this.thread = new Thread(this::run, "jsupervisor-io");
    }

    public void start() {
        thread.start();
    }

    /** Reads {@code fd} until its end, handing every byte to {@code sink}; then closes {@code fd}. */
    public void readInto(int fd, OutputSink sink) {
        execute(() -> watched.add(new Output(fd, sink)));
    }

    /**
     * Calls {@code onExit} with the time it was seen once {@code pidfd} reports its child's exit; then
     * closes {@code pidfd}. Runs {@code onExit} on the I/O thread: it should only hand work on.
     */
    public void watchExit(int pidfd, LongConsumer onExit) {
        execute(() -> watched.add(new Exit(pidfd, onExit)));
    }

    /** Runs {@code task} on the I/O thread, e.g. to reopen log files. */
    public void execute(Runnable task) {
        pending.add(task);
        if (wakePending.compareAndSet(false, true)) {
            try {
                platform.write(wake.write(), wakeByte.duplicate().clear());
            } catch (NativeException e) {
                failureHandler.accept(e);
            }
        }
    }

    /** Stops the thread after the work already handed to it; descriptors still open are closed. */
    @Override
    public void close() {
        execute(() -> running = false);
        try {
            platform.write(wake.write(), wakeByte.duplicate().clear()); // wake it whatever the flag says
            thread.join();
        } catch (NativeException e) {
            failureHandler.accept(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        watched.forEach(w -> platform.close(w.fd()));
        platform.close(wake.read());
        platform.close(wake.write());
    }

    private void run() {
        PollSet set = platform.newPollSet();
        while (running) {
            try {
                // Only what was polled is served: registrations added while waking wait for the next round.
                List<Watched> polled = List.copyOf(watched);
                set.clear();
                set.add(wake.read());
                for (Watched w : polled) {
                    set.add(w.fd());
                }
                platform.poll(set, -1);
                for (int i = 0; i < polled.size(); i++) {
                    if (set.ready(i + 1)) {
                        serve(polled.get(i));
                    }
                }
                if (set.ready(0)) {
                    drainWake();
                }
            } catch (NativeException | RuntimeException e) {
                failureHandler.accept(e);
            }
        }
    }

    /** Lets a ready descriptor do its work; drops it when it is finished or failed. */
    private void serve(Watched w) {
        boolean keep;
        try {
            keep = w.ready();
        } catch (NativeException | RuntimeException e) {
            failureHandler.accept(e);
            keep = false;
        }
        if (!keep) {
            watched.remove(w);
            platform.close(w.fd());
        }
    }

    private void drainWake() throws NativeException {
        // Empty the pipe before clearing the flag: a poster that sets the flag after this point writes a
        // byte that stays in the pipe, so no task can be left behind with nobody to wake the loop.
        ByteBuffer scratch = buffer.clear();
        while (platform.read(wake.read(), scratch) > 0) {
            scratch.clear();
        }
        wakePending.set(false);
        Runnable task;
        while ((task = pending.poll()) != null) {
            task.run();
        }
    }

    /** A child's output pipe. */
    private final class Output implements Watched {
        private final int fd;
        private final OutputSink sink;

        Output(int fd, OutputSink sink) {
            this.fd = fd;
            this.sink = sink;
        }

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public boolean ready() throws NativeException {
            int total = 0;
            while (total < BUDGET) {
                buffer.clear();
                int n = platform.read(fd, buffer);
                if (n < 0) {
                    sink.closed();
                    return false;
                }
                if (n == 0) {
                    return true;
                }
                total += n;
                sink.write(buffer.flip());
            }
            return true;
        }
    }

    /** A child's pidfd. */
    private final class Exit implements Watched {
        private final int pidfd;
        private final LongConsumer onExit;

        Exit(int pidfd, LongConsumer onExit) {
            this.pidfd = pidfd;
            this.onExit = onExit;
        }

        @Override
        public int fd() {
            return pidfd;
        }

        @Override
        public boolean ready() {
            onExit.accept(clock.nanoTime());
            return false;
        }
    }
}
