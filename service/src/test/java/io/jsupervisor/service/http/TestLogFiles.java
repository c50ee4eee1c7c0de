package io.jsupervisor.service.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of the supervisor's log lookup: a map from {@code namespec/channel} to a file, or to none. */
final class TestLogFiles implements LogFiles {
    private final Map<String, Optional<Path>> files = new ConcurrentHashMap<>();
    private volatile Optional<Path> mainLog = Optional.empty();

    TestLogFiles add(String namespec, String channel, Optional<Path> file) {
        files.put(namespec + "/" + channel, file);
        return this;
    }

    TestLogFiles mainLog(Path file) {
        mainLog = Optional.of(file);
        return this;
    }

    @Override
    public CompletableFuture<Optional<Path>> processLog(String namespec, String channel) {
        Optional<Path> file = files.get(namespec + "/" + channel);
        return file == null
                ? CompletableFuture.failedFuture(new NoSuchElementException("BAD_NAME: " + namespec))
                // Answered later on another thread, as the control thread would.
                : CompletableFuture.supplyAsync(() -> file);
    }

    @Override
    public Optional<Path> mainLog() {
        return mainLog;
    }
}
