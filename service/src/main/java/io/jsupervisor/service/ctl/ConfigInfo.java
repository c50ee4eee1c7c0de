package io.jsupervisor.service.ctl;

import java.util.Map;

/**
 * What {@code avail} shows of one process's {@code getAllConfigInfo} struct.
 *
 * <p>Immutable value.
 */
record ConfigInfo(String group, String name, boolean inUse, boolean autostart, int groupPriority,
                  int processPriority) {

    static ConfigInfo of(Object struct) {
        Map<?, ?> info = (Map<?, ?>) struct;
        return new ConfigInfo((String) info.get("group"), (String) info.get("name"), (Boolean) info.get("inuse"),
                (Boolean) info.get("autostart"), (Integer) info.get("group_prio"), (Integer) info.get("process_prio"));
    }

    String namespec() {
        return Namespec.format(group, name);
    }
}
