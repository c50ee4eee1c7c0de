package io.jsupervisor.config.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.sun.security.auth.module.UnixSystem;

/**
 * The facts about the running system that reading a configuration depends on: the environment
 * (for {@code %(ENV_x)s} and {@code ~}), the host name ({@code %(host_node_name)s}), the working
 * directory (relative paths), the effective uid, and the user database ({@code user=}, {@code chown=}).
 *
 * <p>Immutable apart from what {@link Accounts} reads; thread-safe.
 */
public record HostEnvironment(Map<String, String> environment, String hostNodeName, Path workingDirectory,
                              int uid, Accounts accounts) {

    public HostEnvironment {
        environment = Map.copyOf(environment);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** The environment, host name, working directory and user database of this process. */
    public static HostEnvironment current() {
        return new HostEnvironment(System.getenv(), hostName(), Path.of("").toAbsolutePath(),
                (int) new UnixSystem().getUid(), new NativeAccounts());
    }

    /**
     * Expands a leading {@code ~} or {@code ~user} as Python's {@code os.path.expanduser} does:
     * {@code ~} is {@code $HOME} (or the current user's home), an unknown user leaves the text as it is.
     */
    public String expandUser(String path) {
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        String user = path.substring(1, slash < 0 ? path.length() : slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        Optional<String> home;
        if (user.isEmpty()) {
            home = Optional.ofNullable(environment.get("HOME"))
                    .or(() -> Optional.ofNullable(System.getProperty("user.home")));
        } else {
            home = accounts.user(user).map(Account::home);
        }
        return home.map(h -> (h.endsWith("/") && !rest.isEmpty() ? h.substring(0, h.length() - 1) : h) + rest)
                .orElse(path);
    }

    /** {@code os.path.normpath(os.path.abspath(os.path.expanduser(path)))}, as supervisord's {@code normalize_path}. */
    public Path normalize(String path) {
        return workingDirectory.resolve(expandUser(path)).normalize();
    }

    /**
     * The directory Python's {@code tempfile.gettempdir()} picks: the first of {@code $TMPDIR},
     * {@code $TEMP}, {@code $TMP}, {@code /tmp}, {@code /var/tmp}, {@code /usr/tmp} and the working
     * directory that is a writable directory.
     */
    public Path temporaryDirectory() {
        for (String var : List.of("TMPDIR", "TEMP", "TMP")) {
            String value = environment.get(var);
            if (value != null && usableTempDir(Path.of(value))) {
                return normalize(value);
            }
        }
        for (String dir : List.of("/tmp", "/var/tmp", "/usr/tmp")) {
            if (usableTempDir(Path.of(dir))) {
                return Path.of(dir);
            }
        }
        return workingDirectory;
    }

    private static boolean usableTempDir(Path dir) {
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }

    private static String hostName() {
        try {
            // readAllLines, not readString: the JDK reads only the first byte of a /proc/sys file that way.
            return Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).get(0).strip();
        } catch (IOException | RuntimeException noProc) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "localhost";
            }
        }
    }
}
