package io.jsupervisor.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import com.sun.tools.attach.VirtualMachine;
import io.jsupervisor.config.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MXBeans of a real daemon with real children, reached as JConsole reaches a local JVM (the
 * attach API's local management agent) and read through {@link JMX#newMXBeanProxy}: attributes
 * follow real state and pids, operations start, stop and signal real processes and fail with
 * supervisord's faults, and a {@code State} notification arrives for every transition.
 */
class JmxIT {
    @TempDir
    Path dir;
    TestDaemon daemon;
    JMXConnector connector;
    MBeanServerConnection mbeans;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = TestDaemon.start(dir, """
                [program:sleeper]
                command=sleep 1000
                startsecs=1

                [program:quick]
                command=sh -c 'echo bye; exit 3'
                autostart=false
                startsecs=0
                autorestart=false
                """).awaitLog("success: sleeper entered RUNNING state");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(daemon.pid()));
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
        mbeans = connector.getMBeanServerConnection();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (connector != null) {
            connector.close();
        }
        daemon.close();
    }

    private ProcessMXBean process(String name) {
        return JMX.newMXBeanProxy(mbeans, ObjectNames.process(name, name), ProcessMXBean.class, true);
    }

    private static String command(int pid) throws IOException {
        return Files.readString(Path.of("/proc", Integer.toString(pid), "cmdline")).replace('\0', ' ').trim();
    }

    @Test
    void attributesShowTheRealChild() throws Exception {
        ProcessMXBean sleeper = process("sleeper");
        assertEquals("RUNNING", sleeper.getState());
        assertEquals(20, sleeper.getStateCode());
        int pid = sleeper.getPid();
        assertEquals("sleep 1000", command(pid));
        assertEquals(daemon.pid(), ProcessHandle.of(pid).orElseThrow().parent().orElseThrow().pid());
        assertTrue(sleeper.getDescription().startsWith("pid " + pid + ", uptime 0:00:"), sleeper.getDescription());
        assertTrue(sleeper.getRssBytes() > 0);
        assertEquals(sleeper.getRssBytes() > 0, sleeper.getProcessGroupRssBytes() >= sleeper.getRssBytes());
        assertEquals(1, sleeper.getThreadCount());
        assertTrue(sleeper.getOpenFds() >= 3, "stdin, stdout, stderr");
        assertTrue(sleeper.getStdoutLogfile().startsWith(dir.toString()), sleeper.getStdoutLogfile());
        assertEquals(0, sleeper.getRestartCount());

        ProcessMXBean quick = process("quick");
        assertEquals("STOPPED", quick.getState());
        assertEquals(0, quick.getPid());
        assertNull(quick.getStartTime());
        assertEquals(0, quick.getRssBytes());
    }

    @Test
    void operationsDriveRealProcessesAndEveryTransitionIsNotified() throws Exception {
        List<Notification> seen = new CopyOnWriteArrayList<>();
        mbeans.addNotificationListener(ObjectNames.process("sleeper", "sleeper"), (n, handback) -> seen.add(n), null,
                null);
        ProcessMXBean sleeper = process("sleeper");
        int first = sleeper.getPid();
        assertEquals("STOPPED", sleeper.stop());
        Poll.until("the child is gone", () -> ProcessHandle.of(first).map(h -> !h.isAlive()).orElse(true));
        assertEquals("RUNNING", sleeper.start());
        int second = sleeper.getPid();
        assertTrue(second != first && command(second).equals("sleep 1000"));
        sleeper.signal("KILL");
        Poll.until("restarted after SIGKILL", () -> sleeper.getPid() != second && sleeper.getState().equals("RUNNING"));
        assertEquals(2, sleeper.getRestartCount());
        assertEquals(1, sleeper.getUnexpectedExitCount());

        Poll.until("every transition notified", () -> seen.size() >= 7);
        List<String> transitions = seen.stream().map(n -> (AttributeChangeNotification) n)
                .map(n -> n.getAttributeName() + " " + n.getOldValue() + ">" + n.getNewValue()).toList();
        assertEquals(List.of("State RUNNING>STOPPING", "State STOPPING>STOPPED", "State STOPPED>STARTING",
                "State STARTING>RUNNING", "State RUNNING>EXITED", "State EXITED>STARTING",
                "State STARTING>RUNNING"), transitions);
    }

    @Test
    void operationsFailWithSupervisordsFaults() {
        ProcessMXBean sleeper = process("sleeper");
        IllegalStateException e = assertThrows(IllegalStateException.class, sleeper::start);
        assertEquals("ALREADY_STARTED: sleeper:sleeper", e.getMessage());
        ProcessMXBean quick = process("quick");
        e = assertThrows(IllegalStateException.class, quick::stop);
        assertEquals("NOT_RUNNING: quick:quick", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> sleeper.signal("NOSUCH"));
        assertTrue(e.getMessage().startsWith("BAD_SIGNAL"), e.getMessage());
    }

    @Test
    void groupAndSupervisor() throws Exception {
        GroupMXBean group = JMX.newMXBeanProxy(mbeans, ObjectNames.group("quick"), GroupMXBean.class);
        assertEquals(List.of("quick"), List.of(group.getProcesses()));
        assertEquals(Map.of("STOPPED", 1), group.getStateCounts());
        assertEquals(List.of("quick:quick: OK"), List.of(group.start()));
        Poll.until("quick exits", () -> process("quick").getState().equals("EXITED"));
        assertEquals("bye\n", process("quick").tailStdout(100));

        int before = process("sleeper").getPid();
        GroupMXBean sleepers = JMX.newMXBeanProxy(mbeans, ObjectNames.group("sleeper"), GroupMXBean.class);
        assertEquals(List.of("sleeper:sleeper: OK"), List.of(sleepers.rollingRestart()));
        assertTrue(process("sleeper").getPid() != before && process("sleeper").getState().equals("RUNNING"));

        SupervisorMXBean supervisor = JMX.newMXBeanProxy(mbeans, ObjectNames.supervisor(), SupervisorMXBean.class,
                true);
        assertEquals("RUNNING", supervisor.getState());
        assertEquals(daemon.pid(), supervisor.getPid());
        assertEquals(Map.of("EXITED", 1, "RUNNING", 1), supervisor.getStateCounts());
        Files.writeString(dir.resolve("supervisord.conf"), "\n[program:extra]\ncommand=sleep 5\n",
                java.nio.file.StandardOpenOption.APPEND);
        Map<String, String[]> changes = supervisor.reloadConfig();
        assertEquals(List.of("extra"), List.of(changes.get("added")));
        assertEquals(0, changes.get("removed").length);
    }

    @Test
    void updateAddsAndRemovesMBeansAndSaysSo() throws Exception {
        List<Notification> seen = new CopyOnWriteArrayList<>();
        mbeans.addNotificationListener(ObjectNames.supervisor(), (n, handback) -> seen.add(n), null, null);
        SupervisorMXBean supervisor = JMX.newMXBeanProxy(mbeans, ObjectNames.supervisor(), SupervisorMXBean.class,
                true);
        Path config = dir.resolve("supervisord.conf");
        String original = Files.readString(config);
        Files.writeString(config, original + "\n[fcgi-program:pool]\ncommand=sleep 1000\nsocket=unix://%(here)s/pool.sock"
                + "\nsocket_mode=0660\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=2\n");
        assertEquals(List.of("pool: added process group"), List.of(supervisor.update()));
        ProcessMXBean worker = JMX.newMXBeanProxy(mbeans, ObjectNames.process("pool", "pool_1"), ProcessMXBean.class);
        Poll.until("the workers run", () -> worker.getState().equals("RUNNING"));
        SocketMXBean socket = JMX.newMXBeanProxy(mbeans, ObjectNames.socket("pool"), SocketMXBean.class);
        assertEquals("unix://" + dir.resolve("pool.sock"), socket.getAddress());
        assertEquals("0660", socket.getMode());
        assertEquals("stdin", socket.getHandoff());
        assertTrue(socket.isOpen());

        Files.writeString(config, original);
        assertEquals(List.of("pool: stopped", "pool: removed process group"), List.of(supervisor.update()));
        assertTrue(mbeans.queryNames(ObjectNames.processesOf("pool"), null).isEmpty());
        assertTrue(!mbeans.isRegistered(ObjectNames.socket("pool")) && !mbeans.isRegistered(ObjectNames.group("pool")));
        Poll.until("both notified", () -> seen.size() >= 2);
        assertEquals(List.of("jsupervisor.group.added pool", "jsupervisor.group.removed pool"),
                seen.stream().map(n -> n.getType() + " " + n.getMessage()).toList());
    }
}
