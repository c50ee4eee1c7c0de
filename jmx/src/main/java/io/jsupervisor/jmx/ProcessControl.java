package io.jsupervisor.jmx;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import io.jsupervisor.service.platform.linux.ProcStats;

/**
 * The MBean of one process: attributes from {@code supervisor.getProcessInfo} and {@code /proc},
 * operations through supervisord's XML-RPC methods, and a {@code State} notification per state change.
 *
 * <p>Thread-safe: getters and operations run on JMX threads and wait for the control thread;
 * {@link #stateChanged} is called on the control thread.
 */
final class ProcessControl extends NotificationBroadcasterSupport implements ProcessMXBean {
    private final String group;
    private final String name;
    private final Calls calls;
    private final AtomicLong starts = new AtomicLong();
    private final AtomicLong unexpectedExits = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    ProcessControl(String group, String name, Calls calls) {
        super(new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(), "The State of the process changed"));
        this.group = group;
        this.name = name;
        this.calls = calls;
    }

    private String namespec() {
        return group + ":" + name;
    }

    private Map<String, Object> info() {
        return calls.struct("supervisor.getProcessInfo", namespec());
    }

    /** Called on every state change of the process; counts starts and unexpected exits. */
    void stateChanged(String from, String to, boolean unexpectedExit, long wallMillis) {
        if (to.equals("STARTING")) {
            starts.incrementAndGet();
        }
        if (unexpectedExit) {
            unexpectedExits.incrementAndGet();
        }
        AttributeChangeNotification n = new AttributeChangeNotification(this, sequence.incrementAndGet(), wallMillis,
                namespec() + " " + from + " -> " + to, "State", String.class.getName(), from, to);
        sendNotification(n);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getGroup() {
        return group;
    }

    @Override
    public String getState() {
        return (String) info().get("statename");
    }

    @Override
    public int getStateCode() {
        return (Integer) info().get("state");
    }

    @Override
    public int getPid() {
        return (Integer) info().get("pid");
    }

    @Override
    public Date getStartTime() {
        int start = (Integer) info().get("start");
        return start == 0 ? null : new Date(start * 1000L);
    }

    @Override
    public long getUptimeSeconds() {
        Map<String, Object> info = info();
        int start = (Integer) info.get("start");
        int now = (Integer) info.get("now");
        return (Integer) info.get("pid") == 0 || start == 0 ? 0 : Math.max(0, now - start);
    }

    @Override
    public int getExitStatus() {
        return (Integer) info().get("exitstatus");
    }

    @Override
    public String getSpawnError() {
        return (String) info().get("spawnerr");
    }

    @Override
    public String getDescription() {
        return (String) info().get("description");
    }

    @Override
    public long getRestartCount() {
        return Math.max(0, starts.get() - 1);
    }

    @Override
    public long getUnexpectedExitCount() {
        return unexpectedExits.get();
    }

    @Override
    public String getStdoutLogfile() {
        return (String) info().get("stdout_logfile");
    }

    @Override
    public String getStderrLogfile() {
        return (String) info().get("stderr_logfile");
    }

    @Override
    public long getRssBytes() {
        return ProcStats.rssBytes(getPid());
    }

    @Override
    public long getProcessGroupRssBytes() {
        return ProcStats.groupRssBytes(getPid());
    }

    @Override
    public double getCpuSeconds() {
        return ProcStats.cpuSeconds(getPid());
    }

    @Override
    public int getOpenFds() {
        return ProcStats.openFds(getPid());
    }

    @Override
    public int getThreadCount() {
        return ProcStats.threadCount(getPid());
    }

    @Override
    public String start() {
        calls.call("supervisor.startProcess", namespec(), true);
        return getState();
    }

    @Override
    public String stop() {
        calls.call("supervisor.stopProcess", namespec(), true);
        return getState();
    }

    @Override
    public String restart() {
        if (List.of("RUNNING", "STARTING", "BACKOFF").contains(getState())) {
            calls.call("supervisor.stopProcess", namespec(), true);
        }
        return start();
    }

    @Override
    public void signal(String signal) {
        calls.call("supervisor.signalProcess", namespec(), signal);
    }

    @Override
    public void sendStdin(String text) {
        calls.call("supervisor.sendProcessStdin", namespec(), text);
    }

    @Override
    public String tailStdout(int bytes) {
        return (String) calls.array("supervisor.tailProcessStdoutLog", namespec(), 0, bytes).get(0);
    }

    @Override
    public String tailStderr(int bytes) {
        return (String) calls.array("supervisor.tailProcessStderrLog", namespec(), 0, bytes).get(0);
    }

    @Override
    public void clearLogs() {
        calls.call("supervisor.clearProcessLogs", namespec());
    }
}
