package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.sun.security.auth.module.UnixSystem;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.config.testing.TextFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logfile=syslog} and {@code stdout_syslog=true} reach the system log. The daemon runs in a
 * private mount namespace whose {@code /dev/log} is a datagram socket this test reads from, so the
 * host's log is never touched.
 */
class SyslogIT {
    /** Receives datagrams on argv[1] and appends each, with a newline, to argv[2]. */
    private static final String RECEIVER = "import socket, sys\n"
            + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
            + "s.bind(sys.argv[1])\n"
            + "out = open(sys.argv[2], 'ab', 0)\n"
            + "while True:\n"
            + "    out.write(s.recv(65536).rstrip(b'\\0') + b'\\n')\n";
    /** A fresh /dev with the usual devices and /dev/log bound to the socket in $1, then the command. */
    private static final String PRIVATE_DEV = "set -e; sock=$1; shift; old=$(mktemp -d); mount --bind /dev \"$old\"; "
            + "mount -t tmpfs tmpfs /dev; for n in null zero full random urandom tty; do touch /dev/$n; "
            + "mount --bind \"$old/$n\" /dev/$n; done; ln -s /proc/self/fd /dev/fd; touch /dev/log; "
            + "mount --bind \"$sock\" /dev/log; exec \"$@\"";

    @TempDir
    Path dir;

    @Test
    void theMainLogAndChildOutputGoToSyslog() throws Exception {
        Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "a private mount namespace needs root");
        RequiredTools.require(RequiredTools.runs("/usr/bin/python3", "-c", "import socket"), "python3",
                "apt-get install python3");
        Path socket = dir.resolve("log.sock");
        Path received = dir.resolve("received.txt");
        Process receiver = new ProcessBuilder("/usr/bin/python3", "-c", RECEIVER, socket.toString(),
                received.toString()).inheritIO().start();
        try {
            until("the receiver listens", () -> Files.exists(socket));
            try (DaemonHarness d = DaemonHarness.start(dir, "logfile=syslog\n", "[program:talk]\n"
                    + "command=/usr/bin/printf 'first line\\nsecond line\\n'\nstdout_syslog=true\n"
                    + "stdout_logfile=NONE\nautorestart=false\nstartsecs=0\n",
                    List.of("unshare", "--mount", "/bin/sh", "-c", PRIVATE_DEV, "sh", socket.toString()))) {
                d.await("exited: talk \\(exit status 0; expected\\)");
                // Main-log lines reach syslog through the log queue, so they may come after the child's.
                until("the lines are received", () -> read(received).contains("talk second line")
                        && read(received).contains("INFO spawned: 'talk'"));
                String log = read(received);
                assertTrue(log.contains("jsupervisord: talk first line\n"), log);
                assertTrue(log.contains("jsupervisord: talk second line\n"), log);
                assertTrue(log.matches("(?s).*jsupervisord: \\S+ \\S+ INFO spawned: 'talk' with pid \\d+\n.*"), log);
                d.stopCleanly();
            }
        } finally {
            receiver.destroy();
        }
    }

    private static String read(Path file) {
        return TextFiles.readIfPresent(file);
    }
}
