package io.jsupervisor.service.io;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
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
 * It also feeds children's stdin ({@code sendProcessStdin}) as fast as they take it, so a child that
 * does not read can hold up neither this thread nor the caller.
 *
 * <p>{@link #readInto}, {@link #watchExit}, {@link #writeInput}, {@link #closeInput},
 * {@link #execute} and {@link #executeAfterReading} are thread-safe; everything else runs on the
 * I/O thread.
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
    /** Children's stdin descriptors that have been written to, by descriptor. */
    private final Map<Integer, Input> inputs = new HashMap<>();
    /** Tasks for after the next round of reading; touched by the I/O thread only. */
    private List<Runnable> afterNextRead = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer wakeByte = ByteBuffer.allocateDirect(1);
    private final Pipe wake;
    private final Thread thread;
    private volatile boolean running = true;

    /** A descriptor being watched and what to do when it is ready; returns false once it is finished. */
    private interface Watched {
        int fd();

        /** Whether the descriptor is watched for room to write rather than for input. */
        default boolean output() {
            return false;
        }

        boolean ready() throws NativeException;

        /** Whether the loop closes the descriptor once {@link #ready} returns false. */
        default boolean closeWhenDone() {
            return true;
        }
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

    /**
     * Writes {@code data} to a child's stdin, a non-blocking descriptor, as fast as the child takes
     * it; what does not fit now is kept in order and written when the pipe has room. The future
     * completes once the first attempt has written or kept the data, or exceptionally (EPIPE) when the
     * child no longer reads its stdin.
     */
    public CompletableFuture<Void> writeInput(int fd, byte[] data) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        execute(() -> {
            Input input = inputs.computeIfAbsent(fd, Input::new);
            try {
                input.send(ByteBuffer.wrap(data));
                written.complete(null);
            } catch (NativeException e) {
                written.completeExceptionally(e);
            }
        });
        return written;
    }

    /** Drops what a child has not read from its stdin yet and closes the descriptor. */
    public void closeInput(int fd) {
        execute(() -> {
            Input input = inputs.remove(fd);
            if (input != null) {
                watched.remove(input);
            }
            platform.close(fd);
        });
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

    /**
     * Runs {@code task} on the I/O thread once it has read what was ready to read when this was
     * called, from every descriptor handed to it before; e.g. to log a child's exit after its last output.
     */
    public void executeAfterReading(Runnable task) {
        execute(() -> afterNextRead.add(task));
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
        watched.stream().filter(Watched::closeWhenDone).forEach(w -> platform.close(w.fd()));
        inputs.keySet().forEach(platform::close);
        platform.close(wake.read());
        platform.close(wake.write());
    }

    private void run() {
        PollSet set = platform.newPollSet();
        while (running) {
            try {
                // Only what was polled is served: registrations added while waking wait for the next round.
                List<Watched> polled = List.copyOf(watched);
                // Queued before this round's poll, so they run after it has read what their callers saw ready.
                List<Runnable> due = List.of();
                if (!afterNextRead.isEmpty()) {
                    due = afterNextRead;
                    afterNextRead = new ArrayList<>();
                }
                set.clear();
                set.add(wake.read());
                for (Watched w : polled) {
                    if (w.output()) {
                        set.addOutput(w.fd());
                    } else {
                        set.add(w.fd());
                    }
                }
                platform.poll(set, due.isEmpty() ? -1 : 0);
                for (int i = 0; i < polled.size(); i++) {
                    if (set.ready(i + 1)) {
                        serve(polled.get(i));
                    }
                }
                if (set.ready(0)) {
                    drainWake();
                }
                due.forEach(Runnable::run);
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
            if (w.closeWhenDone()) {
                platform.close(w.fd());
            }
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

    /** A child's stdin: bytes waiting for room in the pipe, watched only while there are some. */
    private final class Input implements Watched {
        private final int fd;
        private final ArrayDeque<ByteBuffer> waiting = new ArrayDeque<>();
        private NativeException broken;

        Input(int fd) {
            this.fd = fd;
        }

        /** Writes what fits now and keeps the rest; fails once the child has closed its end. */
        void send(ByteBuffer data) throws NativeException {
            if (broken != null) {
                throw broken;
            }
            boolean idle = waiting.isEmpty();
            waiting.add(data);
            if (idle && flush()) {
                watched.add(this);
            }
            if (broken != null) {
                throw broken;
            }
        }

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public boolean output() {
            return true;
        }

        @Override
        public boolean ready() {
            return flush();
        }

        @Override
        public boolean closeWhenDone() {
            return false;
        }

        /** Writes waiting bytes until the pipe is full; returns whether some are still waiting. */
        private boolean flush() {
            try {
                while (!waiting.isEmpty()) {
                    ByteBuffer head = waiting.peek();
                    platform.writeAvailable(fd, head);
                    if (head.hasRemaining()) {
                        return true;
                    }
                    waiting.poll();
                }
            } catch (NativeException e) {
                broken = e;
                waiting.clear();
            }
            return false;
        }
    }
}
