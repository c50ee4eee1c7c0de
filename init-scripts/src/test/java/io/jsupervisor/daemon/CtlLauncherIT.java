package io.jsupervisor.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/jsupervisorctl} launcher of this checkout: the class-data archive it
 * writes in the background on first use, starts from afterwards, and ignores without a word when
 * the JVM cannot use it.
 */
class CtlLauncherIT {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(Path cache, String javaOptions, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(LauncherIT.HOME.resolve("bin/jsupervisorctl").toString()), Stream.of(args)).toList())
                .directory(dir.toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("JSUPERVISOR_JAVA_OPTS", javaOptions);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jsupervisorctl did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    @Test
    void writesAClassDataArchiveOnceStartsFromItAndIgnoresOneItCannotUse() throws Exception {
        Path cache = dir.resolve("cache");
        Path archives = cache.resolve("jsupervisor");
        Result first = run(cache, "", "help");
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        assertTrue(first.out().contains("default commands (type help <topic>):"), first.out());

        until("the background run to write its archive", () -> {
            try {
                List<Path> written = files(archives);
                return written.size() == 1 && written.get(0).getFileName().toString().matches("jsupervisorctl-\\d+\\.jsa");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        Path classes = dir.resolve("classes.txt");
        assertEquals(first, run(cache, "-Xlog:class+load:file=" + classes, "help"));
        assertTrue(Files.readAllLines(classes).stream().anyMatch(line -> line.contains("io.jsupervisor.service.ctl.")
                && line.contains("shared objects file (top)")), "the client's classes come from the archive");

        Path archive = files(archives).get(0);
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        assertEquals(first, run(cache, "", "help"), "an archive the JVM cannot use is ignored without a word");

        assertEquals(first, run(Path.of("/proc/no-cache-here"), "", "help"), "no cache to write to");
    }
}
