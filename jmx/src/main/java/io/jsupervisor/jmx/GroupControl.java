package io.jsupervisor.jmx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The MBean of one group, through supervisord's group methods ({@code startProcessGroup} …).
 *
 * <p>Thread-safe: runs on JMX threads and waits for the control thread.
 */
final class GroupControl implements GroupMXBean {
    private final String name;
    private final int priority;
    private final List<String> processes;
    private final Calls calls;

    GroupControl(String name, int priority, List<String> processes, Calls calls) {
        this.name = name;
        this.priority = priority;
        this.processes = List.copyOf(processes);
        this.calls = calls;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public String[] getProcesses() {
        return processes.toArray(String[]::new);
    }

    @Override
    public Map<String, Integer> getStateCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Object info : calls.array("supervisor.getAllProcessInfo")) {
            Map<?, ?> process = (Map<?, ?>) info;
            if (name.equals(process.get("group"))) {
                counts.merge((String) process.get("statename"), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public String[] start() {
        return outcomes(calls.array("supervisor.startProcessGroup", name, true));
    }

    @Override
    public String[] stop() {
        return outcomes(calls.array("supervisor.stopProcessGroup", name, true));
    }

    @Override
    public String[] restart() {
        String[] stopped = stop();
        return then(stopped, start());
    }

    @Override
    public String[] rollingRestart() {
        return outcomes(calls.array("jsupervisor.rollingRestart", name));
    }

    @Override
    public String[] signal(String signal) {
        return outcomes(calls.array("supervisor.signalProcessGroup", name, signal));
    }

    /** The lines of one step followed by those of the next. */
    static String[] then(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    /** supervisord's result structs, one line each: {@code group:name: OK} or the fault's description. */
    static String[] outcomes(List<Object> results) {
        return results.stream().map(r -> (Map<?, ?>) r)
                .map(r -> r.get("group") + ":" + r.get("name") + ": " + r.get("description"))
                .toArray(String[]::new);
    }
}
