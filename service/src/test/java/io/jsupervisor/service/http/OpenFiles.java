package io.jsupervisor.service.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helper: what this JVM has open, from {@code /proc/self/fd}. */
final class OpenFiles {
    private OpenFiles() {
    }

    /** How many of this JVM's descriptors are open on {@code file}. */
    static long count(Path file) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
