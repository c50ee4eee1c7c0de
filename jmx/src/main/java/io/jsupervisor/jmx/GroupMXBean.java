package io.jsupervisor.jmx;

import java.util.Map;

/**
 * One process group ({@code jsupervisor:type=Group,name=<group>}): its processes and how many are in
 * each state, and operations on all of them, as supervisorctl's {@code <group>:*} does. Operations
 * answer one line per process ({@code web:web_00: RUNNING}, or the fault when it failed).
 */
public interface GroupMXBean {
    String getName();

    int getPriority();

    /** The names of its processes, in start order. */
    String[] getProcesses();

    /** How many of its processes are in each state, by state name. */
    Map<String, Integer> getStateCounts();

    /** Starts every process of the group and waits until each is RUNNING or failed. */
    String[] start();

    /** Stops every process of the group and waits until each is stopped. */
    String[] stop();

    /** Stops the running processes, then starts them all. */
    String[] restart();

    /** Restarts the processes one at a time, each RUNNING again before the next (jsupervisor.rollingRestart). */
    String[] rollingRestart();

    /** Sends a signal, by name or number, to every running process of the group. */
    String[] signal(String signal);
}
