package io.jsupervisor.config.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.host.NativeAccounts;

/**
 * Test helper: where the golden inputs live, and the host the golden files were made on: the fixed
 * environment and host name of {@code golden.py}, the real user database, and uid 0 (the goldens are
 * made as root).
 */
public final class Goldens {
    /** The environment {@code golden.py} gives supervisord. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/home/example",
            "LANG", "C.UTF-8",
            "TMPDIR", "/tmp",
            "APP_ENV", "production",
            "GREETING", "hello world");
    public static final String HOST = "golden-host";

    private Goldens() {
    }

    public static Path root() {
        return Path.of("src/test/resources/golden").toAbsolutePath();
    }

    public static Path script() {
        return Path.of("src/test/python/golden.py").toAbsolutePath();
    }

    /** The host as {@code golden.py} presents it, working in {@code directory}. */
    public static HostEnvironment host(Path directory, int uid) {
        return new HostEnvironment(ENVIRONMENT, HOST, directory, uid, new NativeAccounts());
    }

    public static List<Path> iniFiles() {
        return list(root().resolve("ini"), "glob:**/*.ini");
    }

    public static List<Path> configFiles() {
        return list(root().resolve("configs"), "glob:**/configs/*/supervisord.conf");
    }

    private static List<Path> list(Path dir, String glob) {
        var matcher = dir.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
