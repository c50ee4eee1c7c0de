package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many programs, and a lot of output: nothing missed, nothing lost. Figures are printed, not asserted. */
class ScaleIT {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void fiveHundredProgramsStartAndStop() throws Exception {
        StringBuilder programs = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            programs.append("[program:p").append(i).append("]\ncommand=/bin/sleep 1000\nstartsecs=0\n"
                    + "stdout_logfile=NONE\nstderr_logfile=NONE\n");
        }
        long started = System.nanoTime();
        try (DaemonHarness d = DaemonHarness.start(dir, "minfds=4096\n", programs.toString())) {
            until("all 500 are RUNNING", () -> d.count("success: p\\d+ entered RUNNING state.*") == 500);
            System.out.printf("500 programs RUNNING %.0f ms after the daemon was started%n",
                    (System.nanoTime() - started) / 1e6);
            d.stopCleanly();
            assertEquals(500, d.count("stopped: p\\d+ \\(terminated by SIGTERM\\)"));
        }
    }

    @Test
    void oneGibibyteOfOutputReachesTheLogWithoutLoss() throws Exception {
        Path log = dir.resolve("big.log");
        long started = System.nanoTime();
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[program:big]\ncommand=/usr/bin/head -c " + GIB
                + " /dev/zero\nstdout_logfile=%(here)s/big.log\nstdout_logfile_maxbytes=0\nautorestart=false\n"
                + "startsecs=0\n")) {
            d.await("exited: big \\(exit status 0; expected\\)");
            until("the whole output is in the log", () -> size(log) >= GIB);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(GIB, Files.size(log));
            assertTrue(allZero(log), "the log holds something that was not written");
            System.out.printf("1 GiB captured in %.2f s including daemon start (%.0f MiB/s); "
                    + "head | cat > file takes %.2f s here%n", seconds, 1024 / seconds, baseline());
            d.stopCleanly();
        }
    }

    private double baseline() throws IOException, InterruptedException {
        Path out = dir.resolve("baseline");
        long t = System.nanoTime();
        new ProcessBuilder("/bin/sh", "-c", "head -c " + GIB + " /dev/zero | cat > " + out).start().waitFor();
        double seconds = (System.nanoTime() - t) / 1e9;
        Files.delete(out);
        return seconds;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean allZero(Path file) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
