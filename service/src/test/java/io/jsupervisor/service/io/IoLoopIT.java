package io.jsupervisor.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import org.junit.jupiter.api.RepeatedTest;

/** Work handed to the I/O thread from many threads at once is never left behind without a wake-up. */
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
}
