package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import io.jsupervisor.config.testing.Goldens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed configuration under {@code src/test/resources/invalid} is rejected with exactly
 * the errors its {@code ; expect:} lines state, each naming file, line, section, option and value.
 * Where a file has {@code ; warn:} lines, the warnings must match them exactly too.
 */
class InvalidConfigTest {
    static final Path DIR = Path.of("src/test/resources/invalid").toAbsolutePath();

    static Stream<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void rejectedWithExactErrors(Path file) {
        List<String> expected = marked(file, "; expect: ");
        List<String> warnings = marked(file, "; warn: ");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Goldens.host(DIR, 0)).load(DIR.relativize(file)));
        assertEquals(String.join("\n", expected),
                String.join("\n", e.errors().stream().map(ConfigProblem::toString).toList()));
        if (!warnings.isEmpty()) {
            assertEquals(String.join("\n", warnings),
                    String.join("\n", e.warnings().stream().map(ConfigProblem::toString).toList()));
        }
    }

    @Test
    void atLeastThirtyMalformedConfigurations() throws IOException {
        assertTrue(files().count() >= 30);
    }

    /** The lines of {@code file} after {@code marker}, in order. */
    static List<String> marked(Path file, String marker) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(marker))
                    .map(l -> l.substring(marker.length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
