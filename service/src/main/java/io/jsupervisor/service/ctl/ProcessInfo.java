package io.jsupervisor.service.ctl;

import java.util.Map;

/**
 * What supervisorctl uses of one process's {@code getProcessInfo} struct.
 *
 * <p>Immutable value.
 */
record ProcessInfo(String group, String name, int state, String statename, String description, int pid) {
    /** The numeric state of RUNNING. */
    static final int RUNNING = 20;

    static ProcessInfo of(Object struct) {
        Map<?, ?> info = (Map<?, ?>) struct;
        return new ProcessInfo((String) info.get("group"), (String) info.get("name"), (Integer) info.get("state"),
                (String) info.get("statename"), (String) info.get("description"), (Integer) info.get("pid"));
    }

    String namespec() {
        return Namespec.format(group, name);
    }

    /** Whether the state is one of supervisord's stopped states: STOPPED, EXITED, FATAL or UNKNOWN. */
    boolean stopped() {
        return state == 0 || state == 100 || state == 200 || state == 1000;
    }
}
