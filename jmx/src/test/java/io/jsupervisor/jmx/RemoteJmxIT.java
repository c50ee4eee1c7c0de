package io.jsupervisor.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [jmx]} remote connector of a real daemon, as a remote JConsole uses it: one port for
 * registry and connector, on loopback only, password required (inline or from a JMX password
 * file), and {@code read_only} refusing operations while attributes stay readable.
 */
class RemoteJmxIT {
    @TempDir
    Path dir;

    private static JMXServiceURL url(int port) throws IOException {
        return new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    private static JMXConnector connect(int port, String user, String password) throws IOException {
        return JMXConnectorFactory.connect(url(port), user == null ? Map.of()
                : Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private static final String PROGRAM = "[program:sleeper]\ncommand=sleep 1000\n";

    /** The TCP ports the process listens on, from /proc/PID/net/tcp* and its socket inodes. */
    private static Set<String> listening(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closed) {
                    // closed while listed
                }
            }
        }
        Set<String> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(f[1]);
                }
            }
        }
        return ports;
    }

    @Test
    void onePortOnLoopbackAndOnlyWithThePassword() throws Exception {
        int port = TestDaemon.freePort();
        try (TestDaemon daemon = TestDaemon.start(dir, "[jmx]\nport=" + port + "\nusername=ops\npassword=s3cret\n\n"
                + PROGRAM).awaitLog("JMX connector listening on service:jmx:rmi://127.0.0.1:" + port)) {
            try (JMXConnector jmx = connect(port, "ops", "s3cret")) {
                ProcessMXBean sleeper = JMX.newMXBeanProxy(jmx.getMBeanServerConnection(),
                        ObjectNames.process("sleeper", "sleeper"), ProcessMXBean.class);
                daemon.awaitLog("success: sleeper entered RUNNING state");
                assertEquals("STOPPED", sleeper.stop());
                assertEquals("RUNNING", sleeper.start());
            }
            assertThrows(SecurityException.class, () -> connect(port, "ops", "wrong").close());
            assertThrows(SecurityException.class, () -> connect(port, null, null).close());
            Set<String> ports = listening(daemon.pid());
            // 127.0.0.1, in tcp or (IPv4-mapped) in tcp6
            assertEquals(1, ports.size(), "registry and connector share the one port: " + ports);
            assertTrue(ports.iterator().next().endsWith(String.format("0100007F:%04X", port)), ports::toString);
            assertTrue(!daemon.log().contains("s3cret"), "the password is never logged");
        }
    }

    @Test
    void aPasswordFileAndReadOnlyAccess() throws Exception {
        int port = TestDaemon.freePort();
        Path passwords = Files.writeString(dir.resolve("jmx.password"), "# who may log in\nwatcher  {SHA}"
                + "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3\n");
        try (TestDaemon daemon = TestDaemon.start(dir, "[jmx]\nport=" + port + "\npassword_file=" + passwords
                + "\nread_only=true\n\n" + PROGRAM).awaitLog("success: sleeper entered RUNNING state");
             JMXConnector jmx = connect(port, "watcher", "test")) {
            ProcessMXBean sleeper = JMX.newMXBeanProxy(jmx.getMBeanServerConnection(),
                    ObjectNames.process("sleeper", "sleeper"), ProcessMXBean.class);
            assertEquals("RUNNING", sleeper.getState());
            SecurityException refused = assertThrows(SecurityException.class, sleeper::stop);
            assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
            assertEquals("RUNNING", sleeper.getState());
        }
    }

    @Test
    void theConnectorComesBackAfterARestart() throws Exception {
        int port = TestDaemon.freePort();
        String listening = "JMX connector listening on service:jmx:rmi://127.0.0.1:" + port;
        try (TestDaemon daemon = TestDaemon.start(dir, "[jmx]\nport=" + port + "\n\n" + PROGRAM)
                .awaitLog("success: sleeper entered RUNNING state")) {
            daemon.signal("HUP");
            daemon.awaitLog(listening, 2).awaitLog("success: sleeper entered RUNNING state", 2);
            try (JMXConnector jmx = connect(port, null, null)) {
                ProcessMXBean sleeper = JMX.newMXBeanProxy(jmx.getMBeanServerConnection(),
                        ObjectNames.process("sleeper", "sleeper"), ProcessMXBean.class);
                assertEquals("RUNNING", sleeper.getState());
            }
        }
    }
}
