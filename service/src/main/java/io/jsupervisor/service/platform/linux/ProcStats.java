package io.jsupervisor.service.platform.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the kernel reports of a running child in {@code /proc}: resident memory, CPU time, open
 * descriptors and threads, for the MBeans and the dashboard. A process that is gone, or was never
 * there (pid 0), reports zeros.
 *
 * <p>Stateless; thread-safe.
 */
public final class ProcStats {
    /** The kernel's clock ticks per second for {@code /proc/PID/stat} times: fixed at 100 by Linux's ABI. */
    private static final double USER_HZ = 100.0;
    private static final Path PROC = Path.of("/proc");

    private ProcStats() {
    }

    public static long rssBytes(int pid) {
        return pid <= 0 ? 0 : statusKilobytes(pid, "VmRSS:") * 1024;
    }

    /** The resident memory of every process in the process group led by {@code pid}. */
    public static long groupRssBytes(int pid) {
        if (pid <= 0) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : all) {
                String[] stat = statFields(dir);
                if (stat.length > 2 && stat[2].equals(Integer.toString(pid))) {
                    total += rssBytes(Integer.parseInt(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return rssBytes(pid);
        }
        return total;
    }

    public static double cpuSeconds(int pid) {
        if (pid <= 0) {
            return 0;
        }
        String[] stat = statFields(PROC.resolve(Integer.toString(pid)));
        if (stat.length < 13) {
            return 0;
        }
        // Fields after the command name: state is [0], utime [11], stime [12].
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / USER_HZ;
    }

    public static int openFds(int pid) {
        if (pid <= 0) {
            return 0;
        }
        try (Stream<Path> fds = Files.list(PROC.resolve(Integer.toString(pid)).resolve("fd"))) {
            return (int) fds.count();
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    public static int threadCount(int pid) {
        return pid <= 0 ? 0 : (int) statusKilobytes(pid, "Threads:");
    }

    /** The number on the {@code key} line of {@code /proc/PID/status} (kB for memory lines), or 0. */
    private static long statusKilobytes(int pid, String key) {
        try (Stream<String> lines = Files.lines(PROC.resolve(Integer.toString(pid)).resolve("status"))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0])).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of {@code /proc/PID/stat} after the command name (which may hold spaces), or none. */
    private static String[] statFields(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
