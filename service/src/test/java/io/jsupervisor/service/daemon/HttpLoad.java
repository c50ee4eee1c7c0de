package io.jsupervisor.service.daemon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import io.jsupervisor.config.testing.Poll;

/**
 * Test helper: a bounded HTTP load. A few threads each send GET requests one after another (over
 * keep-alive connections) until stopped, and every answer is checked: a status other than 200, a
 * body the test does not expect, or an I/O error is a failure. Counts bodies, so a test can see
 * which workers answered.
 */
final class HttpLoad implements AutoCloseable {
    /** At most this many failures are described; the rest are only counted. */
    private static final int DESCRIBED = 20;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(Poll.DEADLINE_MILLIS)).build();

    private final URI uri;
    private final Predicate<String> expected;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, LongAdder> bodies = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    private HttpLoad(URI uri, Predicate<String> expected) {
        this.uri = uri;
        this.expected = expected;
    }

    /** What a load did: requests answered or failed, and descriptions of the first failures. */
    record Result(long requests, long failed, List<String> failures) {
    }

    /** Starts {@code threads} threads requesting {@code uri}; a good answer is a 200 whose body is {@code expected}. */
    static HttpLoad start(URI uri, int threads, Predicate<String> expected) {
        HttpLoad load = new HttpLoad(uri, expected);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(load::run, "http-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** One request, checked as the load checks each: its body, or an AssertionError saying what was wrong. */
    static String get(URI uri, Predicate<String> expected) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(Poll.DEADLINE_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !expected.test(response.body())) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body().strip());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError(e.toString(), e);
        }
    }

    private void run() {
        while (!stopped) {
            try {
                String body = get(uri, expected);
                bodies.computeIfAbsent(body, b -> new LongAdder()).increment();
            } catch (AssertionError e) {
                failed.incrementAndGet();
                synchronized (failures) {
                    if (failures.size() < DESCRIBED) {
                        failures.add(e.getMessage());
                    }
                }
            }
            completed.incrementAndGet();
        }
    }

    /** Requests answered or failed so far. */
    long completed() {
        return completed.get();
    }

    /** Waits until {@code more} further requests have completed, so that a step happens under load. */
    void awaitMore(long more) throws InterruptedException {
        long target = completed() + more;
        Poll.until(more + " more requests (" + completed() + " so far, " + failed.get() + " failed)",
                () -> completed() >= target);
    }

    /** The distinct good bodies seen so far. */
    List<String> bodies() {
        return List.copyOf(bodies.keySet());
    }

    /** Stops the threads, each after its request in flight, and returns what the load did. */
    Result stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(2 * Poll.DEADLINE_MILLIS); // a request in flight ends within its own timeout
        }
        synchronized (failures) {
            return new Result(completed(), failed.get(), List.copyOf(failures));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
