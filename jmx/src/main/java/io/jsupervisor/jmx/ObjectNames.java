package io.jsupervisor.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JMX names of jsupervisor's MBeans, built in one place: {@code jsupervisor:type=Supervisor},
 * {@code jsupervisor:type=Group,name=<group>}, {@code jsupervisor:type=Process,group=<group>,name=<process>}
 * and {@code jsupervisor:type=Socket,group=<group>}. A name or group that holds a character JMX gives
 * a meaning to ({@code , = : " * ?}, a newline or a backslash) is quoted.
 */
public final class ObjectNames {
    public static final String DOMAIN = "jsupervisor";
    private static final String SPECIAL = ",=:\"*?\n\\";

    private ObjectNames() {
    }

    public static ObjectName supervisor() {
        return name("type=Supervisor");
    }

    public static ObjectName group(String group) {
        return name("type=Group,name=" + value(group));
    }

    public static ObjectName process(String group, String process) {
        return name("type=Process,group=" + value(group) + ",name=" + value(process));
    }

    public static ObjectName socket(String group) {
        return name("type=Socket,group=" + value(group));
    }

    /** The names of the process MBeans of {@code group}. */
    public static ObjectName processesOf(String group) {
        return name("type=Process,group=" + value(group) + ",*");
    }

    /** Every name of jsupervisor's MBeans. */
    public static ObjectName pattern() {
        return name("*");
    }

    /** {@code raw} as a key value: as it is, or quoted when it holds a special character. */
    static String value(String raw) {
        for (char c : raw.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                return ObjectName.quote(raw);
            }
        }
        return raw.isEmpty() ? ObjectName.quote(raw) : raw;
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(properties, e);
        }
    }
}
