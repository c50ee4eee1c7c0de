package io.jsupervisor.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test helper: what the kernel says about descriptors and sockets, read from {@code /proc}, so tests
 * check the real thing instead of what the code under test believes. A socket is known by its inode,
 * which {@code /proc/PID/fd/N} shows as {@code socket:[INODE]} and {@code /proc/net/unix} and
 * {@code /proc/net/tcp} list.
 */
public final class ProcFs {
    /** {@code __SO_ACCEPTCON}, the flag {@code /proc/net/unix} gives a listening socket. */
    private static final int ACCEPTCON = 0x10000;
    /** {@code SS_CONNECTING}: in {@code /proc/net/unix}, a connection still waiting in a listener's queue. */
    private static final String QUEUED = "02";
    /** {@code TCP_LISTEN} and {@code TCP_TIME_WAIT} in {@code /proc/net/tcp}. */
    public static final String TCP_LISTEN = "0A";
    public static final String TCP_TIME_WAIT = "06";

    private ProcFs() {
    }

    /** How {@code /proc/PID/fd/N} shows a descriptor of the socket with this inode. */
    public static String socketLink(long inode) {
        return "socket:[" + inode + "]";
    }

    /**
     * The open descriptors of {@code pid}, by number, each with what it refers to ({@code socket:[INODE]},
     * {@code pipe:[INODE]}, a path). Empty when the process is gone.
     */
    public static Map<Integer, String> fds(long pid) {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    fds.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // closed since it was listed
                }
            }
        } catch (NoSuchFileException gone) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fds;
    }

    /** The flags of this process's descriptor {@code fd} ({@code flags:} of its fdinfo, octal). */
    public static int fdFlags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new AssertionError("no flags in /proc/self/fdinfo/" + fd);
    }

    /** The inode of the unix socket listening on {@code path}, from {@code /proc/net/unix}; empty if none. */
    public static OptionalLong unixListener(Path path) {
        return unixSockets(path).stream()
                .filter(f -> (Integer.parseInt(f[3], 16) & ACCEPTCON) != 0)
                .mapToLong(f -> Long.parseLong(f[6]))
                .findFirst();
    }

    /** How many connections to the unix socket bound to {@code path} wait to be accepted. */
    public static long queuedConnections(Path path) {
        return unixSockets(path).stream().filter(f -> f[5].equals(QUEUED)).count();
    }

    /** The fields of the lines of {@code /proc/net/unix} whose path is {@code path}. */
    private static List<String[]> unixSockets(Path path) {
        // Num RefCount Protocol Flags Type St Inode Path
        return lines(Path.of("/proc/net/unix")).stream().skip(1)
                .map(line -> line.trim().split("\\s+", 8))
                .filter(f -> f.length == 8 && f[7].equals(path.toString()))
                .toList();
    }

    /**
     * The inode of a socket in {@code state} whose local port is {@code port}, from {@code table}
     * ({@code /proc/net/tcp} for IPv4, {@code /proc/net/tcp6} for IPv6); empty if none. Its local
     * address must be {@code hexAddress} as the table prints it ({@code 0100007F} is 127.0.0.1), or
     * anything when null.
     */
    public static OptionalLong tcpSocket(String table, String hexAddress, int port, String state) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        String local = String.format(":%04X", port);
        return lines(Path.of("/proc/net", table)).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f[1].endsWith(local) && (hexAddress == null || f[1].startsWith(hexAddress + ":"))
                        && f[3].equals(state))
                .mapToLong(f -> Long.parseLong(f[9]))
                .findFirst();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
