package io.jsupervisor.jmx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jmxterm, the command-line JMX client operators script with, against a real daemon's {@code [jmx]}
 * connector: it lists the {@code jsupervisor} domain, reads a process's State and Pid, and stops and
 * starts it with {@code run}.
 */
class JmxtermIT {
    private static final Path JMXTERM = Path.of("target", "tools", "jmxterm.jar").toAbsolutePath();
    private static final String SLEEPER = "jsupervisor:type=Process,group=sleeper,name=sleeper";

    @TempDir
    Path dir;

    /** Runs jmxterm non-interactively with {@code commands} on its stdin; answers its output. */
    private static String jmxterm(int port, String... commands) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", JMXTERM.toString(), "-l", "127.0.0.1:" + port, "-u", "ops",
                "-p", "s3cret", "-n", "-v", "brief").redirectErrorStream(true).start();
        process.getOutputStream().write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jmxterm did not end");
        return output;
    }

    @Test
    void listsReadsAndRunsOperations() throws Exception {
        assertTrue(Files.exists(JMXTERM), "the build copies jmxterm to " + JMXTERM);
        int port = TestDaemon.freePort();
        try (TestDaemon daemon = TestDaemon.start(dir, "[jmx]\nport=" + port + "\nusername=ops\npassword=s3cret\n\n"
                + "[program:sleeper]\ncommand=sleep 1000\n").awaitLog("success: sleeper entered RUNNING state")) {
            String beans = jmxterm(port, "beans -d jsupervisor");
            // jmxterm lists canonical names: keys sorted
            assertTrue(beans.contains("jsupervisor:group=sleeper,name=sleeper,type=Process")
                    && beans.contains("jsupervisor:type=Supervisor"), beans);
            String read = jmxterm(port, "get -b " + SLEEPER + " State Pid");
            assertTrue(read.contains("State = RUNNING;") && read.matches("(?s).*Pid = [1-9][0-9]*;.*"), read);
            String stop = jmxterm(port, "run -b " + SLEEPER + " stop", "get -b " + SLEEPER + " State");
            assertTrue(stop.contains("#operation returns: \nSTOPPED") && stop.contains("State = STOPPED;"), stop);
            String start = jmxterm(port, "run -b " + SLEEPER + " start");
            assertTrue(start.contains("#operation returns: \nRUNNING"), start);
            assertTrue(List.of(daemon.log().split("\n")).stream().anyMatch(l -> l.contains("spawned: 'sleeper'")));
        }
    }
}
