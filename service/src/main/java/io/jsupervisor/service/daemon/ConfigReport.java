package io.jsupervisor.service.daemon;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.ProcessConfig;

/**
 * Prints what {@code --check-config} reports about a valid configuration: the files read, and one
 * line per process with its group, name and command, groups in start order.
 *
 * <p>Stateless and thread-safe.
 */
final class ConfigReport {
    private ConfigReport() {
    }

    static void print(Configuration config, PrintStream out) {
        out.println(config.file() + ": configuration is valid");
        config.includedFiles().forEach(f -> out.println("included " + f));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GROUP", "PROCESS", "COMMAND"});
        for (GroupConfig group : config.groups()) {
            String kind = group instanceof FcgiGroupConfig fcgi ? " (fcgi " + fcgi.socket().url() + ")"
                    : group instanceof EventListenerPoolConfig ? " (event listener)" : "";
            for (ProcessConfig process : group.processes()) {
                rows.add(new String[] {group.name(), process.name() + kind, process.command()});
            }
        }
        int groupWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int processWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (String[] row : rows) {
            out.println(String.format("%-" + groupWidth + "s  %-" + processWidth + "s  %s", (Object[]) row).stripTrailing());
        }
        int count = rows.size() - 1;
        out.println(count + (count == 1 ? " process" : " processes") + " in " + config.groups().size()
                + (config.groups().size() == 1 ? " group" : " groups"));
    }
}
