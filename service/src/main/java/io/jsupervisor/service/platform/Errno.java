package io.jsupervisor.service.platform;

import java.util.Map;

/**
 * The symbolic names of the errno values a spawn can meet, as supervisord prints them
 * ({@code couldn't chdir to /srv/app: ENOENT}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(7, "E2BIG"), Map.entry(8, "ENOEXEC"),
            Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(20, "ENOTDIR"),
            Map.entry(21, "EISDIR"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(26, "ETXTBSY"),
            Map.entry(36, "ENAMETOOLONG"), Map.entry(40, "ELOOP"));

    private Errno() {
    }

    /** The symbolic name, or the number itself when it has none here. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, Integer.toString(errno));
    }
}
