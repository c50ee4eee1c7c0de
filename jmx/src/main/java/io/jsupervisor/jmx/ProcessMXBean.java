package io.jsupervisor.jmx;

import java.util.Date;

/**
 * One supervised process, as JConsole, VisualVM and Jolokia see it
 * ({@code jsupervisor:type=Process,group=<group>,name=<process>}). Attributes are supervisord's
 * view of the process (what {@code getProcessInfo} answers) plus counters kept since the daemon
 * started and figures read from {@code /proc} when asked. Operations do what the XML-RPC methods
 * of the same meaning do and fail with their fault ({@code ALREADY_STARTED: web}).
 *
 * <p>Sends an {@link javax.management.AttributeChangeNotification} on {@code State} at every state change.
 */
public interface ProcessMXBean {
    String getName();

    String getGroup();

    /** supervisord's state name: STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL or UNKNOWN. */
    String getState();

    int getStateCode();

    /** The running child's pid, or 0. */
    int getPid();

    /** When the process last started; null if never. */
    Date getStartTime();

    /** Seconds since it started, while it runs; else 0. */
    long getUptimeSeconds();

    /** The last exit status (-1 after death by a signal); 0 before any exit. */
    int getExitStatus();

    /** Why the last start failed, or empty. */
    String getSpawnError();

    /** supervisord's description ({@code pid 42, uptime 0:01:02}). */
    String getDescription();

    /** Starts after the first since the daemon started (by hand or automatically). */
    long getRestartCount();

    /** Exits that were not expected ({@code exitcodes}, death by a signal, too quick a start) since the daemon started. */
    long getUnexpectedExitCount();

    String getStdoutLogfile();

    String getStderrLogfile();

    /** Resident memory of the child, in bytes (0 when not running). */
    long getRssBytes();

    /** Resident memory of the child's whole process group, in bytes (0 when not running). */
    long getProcessGroupRssBytes();

    /** CPU time the child has used, user and system, in seconds. */
    double getCpuSeconds();

    int getOpenFds();

    int getThreadCount();

    /** Starts the process and waits until it is RUNNING (or failed); answers the state then. */
    String start();

    /** Stops the process and waits until it is stopped; answers the state then. */
    String stop();

    /** Stops the process if it runs, then starts it; answers the state then. */
    String restart();

    /** Sends a signal, by name ({@code HUP}) or number. */
    void signal(String signal);

    /** Writes {@code text} to the process's stdin. */
    void sendStdin(String text);

    /** The last {@code bytes} of the stdout log. */
    String tailStdout(int bytes);

    /** The last {@code bytes} of the stderr log. */
    String tailStderr(int bytes);

    /** Empties the process's log files. */
    void clearLogs();
}
