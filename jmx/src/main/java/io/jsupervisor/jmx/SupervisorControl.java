package io.jsupervisor.jmx;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import io.jsupervisor.service.rpc.Fault;

/**
 * The supervisor's MBean, through supervisord's XML-RPC methods, and its notifications.
 *
 * <p>Thread-safe: getters and operations run on JMX threads and wait for the control thread;
 * {@link #announce} is called on the control thread.
 */
final class SupervisorControl extends NotificationBroadcasterSupport implements SupervisorMXBean {
    private final Calls calls;
    private final Path configFile;
    private final long startedMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final AtomicLong sequence = new AtomicLong();

    SupervisorControl(Calls calls, Path configFile) {
        super(new MBeanNotificationInfo(new String[] {JmxEvents.GROUP_ADDED, JmxEvents.GROUP_REMOVED},
                Notification.class.getName(), "A process group was added or removed; the message is its name"),
                new MBeanNotificationInfo(new String[] {JmxEvents.SUPERVISOR_STATE}, Notification.class.getName(),
                        "The supervisor began running (RUNNING) or stopping (STOPPING)"));
        this.calls = calls;
        this.configFile = configFile;
    }

    /** Sends a notification of {@code type} with {@code message}. */
    void announce(String type, String message, long wallMillis) {
        sendNotification(new Notification(type, this, sequence.incrementAndGet(), wallMillis, message));
    }

    @Override
    public String getState() {
        return (String) calls.struct("supervisor.getState").get("statename");
    }

    @Override
    public String getVersion() {
        return (String) calls.call("supervisor.getSupervisorVersion");
    }

    @Override
    public String getIdentification() {
        return (String) calls.call("supervisor.getIdentification");
    }

    @Override
    public int getPid() {
        return (Integer) calls.call("supervisor.getPID");
    }

    @Override
    public long getUptimeSeconds() {
        return (System.currentTimeMillis() - startedMillis) / 1000;
    }

    @Override
    public String getConfigFile() {
        return configFile.toString();
    }

    @Override
    public Map<String, Integer> getStateCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Object info : calls.array("supervisor.getAllProcessInfo")) {
            counts.merge((String) ((Map<?, ?>) info).get("statename"), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public Map<String, String[]> reloadConfig() {
        List<?> changes = (List<?>) calls.array("supervisor.reloadConfig").get(0);
        Map<String, String[]> byKind = new TreeMap<>();
        String[] kinds = {"added", "changed", "removed"};
        for (int i = 0; i < kinds.length; i++) {
            byKind.put(kinds[i], ((List<?>) changes.get(i)).stream().map(String::valueOf).toArray(String[]::new));
        }
        return byKind;
    }

    @Override
    public String[] update() {
        Map<String, String[]> changes = reloadConfig();
        List<String> report = new ArrayList<>();
        for (String group : changes.get("removed")) {
            List<Object> results = calls.array("supervisor.stopProcessGroup", group, true);
            report.add(group + ": stopped");
            if (results.stream().anyMatch(r -> !Integer.valueOf(Fault.SUCCESS.code()).equals(((Map<?, ?>) r).get("status")))) {
                report.add(group + ": has problems; not removing");
                continue;
            }
            calls.call("supervisor.removeProcessGroup", group);
            report.add(group + ": removed process group");
        }
        for (String group : changes.get("changed")) {
            calls.call("supervisor.stopProcessGroup", group, true);
            report.add(group + ": stopped");
            calls.call("supervisor.removeProcessGroup", group);
            calls.call("supervisor.addProcessGroup", group);
            report.add(group + ": updated process group");
        }
        for (String group : changes.get("added")) {
            calls.call("supervisor.addProcessGroup", group);
            report.add(group + ": added process group");
        }
        return report.toArray(String[]::new);
    }

    @Override
    public String[] startAll() {
        return GroupControl.outcomes(calls.array("supervisor.startAllProcesses", true));
    }

    @Override
    public String[] stopAll() {
        return GroupControl.outcomes(calls.array("supervisor.stopAllProcesses", true));
    }

    @Override
    public String[] restartAll() {
        String[] stopped = stopAll();
        return GroupControl.then(stopped, startAll());
    }

    @Override
    public String[] clearAllLogs() {
        return GroupControl.outcomes(calls.array("supervisor.clearAllProcessLogs"));
    }

    @Override
    public void shutdown() {
        calls.call("supervisor.shutdown");
    }

    @Override
    public void restart() {
        calls.call("supervisor.restart");
    }
}
