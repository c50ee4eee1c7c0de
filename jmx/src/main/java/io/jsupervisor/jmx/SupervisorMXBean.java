package io.jsupervisor.jmx;

import java.util.Map;

/**
 * The daemon itself ({@code jsupervisor:type=Supervisor}): its state, identity and counts, and the
 * operations of supervisorctl's {@code reread}, {@code start all}, {@code stop all},
 * {@code restart all}, {@code clear all}, {@code shutdown} and {@code reload}.
 *
 * <p>Sends a notification when a group is added ({@value JmxEvents#GROUP_ADDED}) or removed
 * ({@value JmxEvents#GROUP_REMOVED}) and when the supervisor starts running or begins to stop
 * ({@value JmxEvents#SUPERVISOR_STATE}).
 */
public interface SupervisorMXBean {
    /** RUNNING, RESTARTING, SHUTDOWN or FATAL. */
    String getState();

    String getVersion();

    String getIdentification();

    int getPid();

    long getUptimeSeconds();

    String getConfigFile();

    /** How many processes are in each state, by state name. */
    Map<String, Integer> getStateCounts();

    /** Reads the configuration again (reread); answers the groups added, changed and removed, by kind. */
    Map<String, String[]> reloadConfig();

    /**
     * Applies the configuration as supervisorctl's {@code update} does: removed groups are stopped and
     * removed, changed ones stopped and replaced, added ones added (and started when autostart says
     * so). Answers supervisorctl's lines ({@code web: added process group}).
     */
    String[] update();

    /** Starts every process, in priority order, waiting for each. */
    String[] startAll();

    /** Stops every process, in reverse priority order, waiting for each. */
    String[] stopAll();

    /** Stops every process, then starts them all. */
    String[] restartAll();

    /** Empties every process's log files. */
    String[] clearAllLogs();

    /** Stops every process, then the daemon. */
    void shutdown();

    /** Stops every process, reads the configuration again and starts over (SIGHUP). */
    void restart();
}
