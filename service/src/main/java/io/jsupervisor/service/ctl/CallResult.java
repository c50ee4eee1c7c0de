package io.jsupervisor.service.ctl;

import java.util.Map;

/**
 * One process's outcome in a group or all-processes call ({@code startProcessGroup},
 * {@code stopAllProcesses}...), or a fault on a single process put in the same shape.
 *
 * <p>Immutable value.
 */
record CallResult(String group, String name, int status, String description) {

    static CallResult of(Object struct) {
        Map<?, ?> result = (Map<?, ?>) struct;
        return new CallResult((String) result.get("group"), (String) result.get("name"), (Integer) result.get("status"),
                (String) result.get("description"));
    }

    String namespec() {
        return Namespec.format(group, name);
    }
}
