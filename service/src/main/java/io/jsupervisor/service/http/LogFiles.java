package io.jsupervisor.service.http;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@code /logtail} and {@code /mainlogtail} find the files they follow.
 *
 * <p>Called on HTTP threads; must not block. The futures may complete on any thread.
 */
public interface LogFiles {

    /**
     * The log file of one channel ({@code "stdout"} or {@code "stderr"}) of a process named by
     * {@code namespec} ({@code "group:name"} or {@code "name"}); empty when that channel has no file
     * ({@code NONE}); completes exceptionally with {@link java.util.NoSuchElementException} for an
     * unknown process.
     */
    CompletableFuture<Optional<Path>> processLog(String namespec, String channel);

    /** The main log file, if it is a file. */
    Optional<Path> mainLog();
}
