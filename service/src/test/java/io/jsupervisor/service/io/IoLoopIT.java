package io.jsupervisor.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.platform.Pipe;
import io.jsupervisor.service.platform.Platform;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Work handed to the I/O thread from many threads at once is never left behind without a wake-up,
 * and work for after reading comes after what was ready to read.
 */
class IoLoopIT {

    @RepeatedTest(10)
    void everyTaskRunsWhenManyThreadsHandWorkOver() throws Exception {
        int threads = 4;
        int perThread = 2000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads * perThread);
        try (IoLoop io = new IoLoop(new LinuxPlatform(), Clock.SYSTEM, e -> { throw new AssertionError(e); })) {
            io.start();
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread poster = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        io.execute(() -> {
                            ran.incrementAndGet();
                            done.countDown();
                        });
                    }
                });
                posters.add(poster);
                poster.start();
            }
            for (Thread poster : posters) {
                poster.join();
            }
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + ran.get() + " of " + threads * perThread + " tasks ran");
            }
        }
        assertEquals(threads * perThread, ran.get());
    }

    @RepeatedTest(20)
    void aTaskForAfterReadingSeesWhatWasWrittenBeforeItWasHandedOver() throws Exception {
        Platform platform = new LinuxPlatform();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        CompletableFuture<String> seen = new CompletableFuture<>();
        try (IoLoop io = new IoLoop(platform, Clock.SYSTEM, e -> { throw new AssertionError(e); })) {
            io.start();
            Pipe pipe = platform.pipe();
            // handed over together, as a child's pipe and the SIGCHLD of a child that exits at once are
            io.readInto(pipe.read(), new OutputSink() {
                @Override
                public void write(ByteBuffer data) {
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    read.writeBytes(bytes);
                }

                @Override
                public void closed() {
                }
            });
            platform.write(pipe.write(), ByteBuffer.wrap("last words\n".getBytes(StandardCharsets.US_ASCII)));
            io.executeAfterReading(() -> seen.complete(read.toString(StandardCharsets.US_ASCII)));
            assertEquals("last words\n", seen.get(10, TimeUnit.SECONDS));
            platform.close(pipe.write());
        }
    }
}
