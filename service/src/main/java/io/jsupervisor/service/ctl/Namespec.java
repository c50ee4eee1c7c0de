package io.jsupervisor.service.ctl;

/**
 * A name as supervisorctl's commands take it: {@code group:process}, {@code group:*} or {@code group:}
 * for a whole group, or a bare name for a process in the group of the same name.
 *
 * <p>Immutable value; {@code process} is null when the name means the whole group.
 */
record Namespec(String group, String process) {

    static Namespec parse(String name) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            return new Namespec(name, name);
        }
        String process = name.substring(colon + 1);
        return new Namespec(name.substring(0, colon), process.isEmpty() || process.equals("*") ? null : process);
    }

    /** How supervisorctl shows a process: its bare name when it is alone in a group of that name. */
    static String format(String group, String process) {
        return group.equals(process) ? process : group + ":" + process;
    }

    boolean wholeGroup() {
        return process == null;
    }
}
