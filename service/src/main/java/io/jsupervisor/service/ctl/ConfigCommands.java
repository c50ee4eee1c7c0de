package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * The commands that compare the daemon's configuration file with what runs and apply the
 * difference: {@code avail}, {@code reread}, {@code update}, {@code add} and {@code remove}.
 *
 * <p>Runs on the controller's thread.
 */
final class ConfigCommands {
    private final Controller ctl;

    private ConfigCommands(Controller ctl) {
        this.ctl = ctl;
    }

    static void register(Controller ctl) {
        ConfigCommands c = new ConfigCommands(ctl);
        ctl.register(Command.of("avail", "avail\t\t\tDisplay all configured processes", c::avail));
        ctl.register(Command.of("reread",
                "reread \t\t\tReload the daemon's configuration files without add/remove", c::reread));
        ctl.register(Command.of("update",
                "update\t\t\tReload config and add/remove as necessary, and will restart affected programs\n"
                        + "update all\t\tReload config and add/remove as necessary, and will restart affected programs\n"
                        + "update <gname> [...]\tUpdate specific groups", c::update));
        ctl.register(Command.of("add", "add <name> [...]\tActivates any updates in config for process/group",
                c::add));
        ctl.register(Command.of("remove", "remove <name> [...]\tRemoves process/group from active config",
                c::remove));
    }

    private void avail(String argument) throws IOException, XmlRpcFault {
        if (!argument.isEmpty()) {
            rejectArguments("avail");
            return;
        }
        List<ConfigInfo> infos;
        try {
            infos = ctl.supervisor().allConfigInfo();
        } catch (XmlRpcFault e) {
            shuttingDown(e, "ERROR: supervisor shutting down");
            return;
        }
        for (ConfigInfo info : infos) {
            ctl.output().line(StatusTable.pad(info.namespec(), 32) + " " + StatusTable.pad(info.inUse() ? "in use" : "avail", 9)
                    + " " + StatusTable.pad(info.autostart() ? "auto" : "manual", 9) + " " + info.groupPriority() + ":"
                    + info.processPriority());
        }
    }

    private void reread(String argument) throws IOException, XmlRpcFault {
        if (!argument.isEmpty()) {
            rejectArguments("reread");
            return;
        }
        ConfigChanges changes;
        try {
            changes = ctl.supervisor().reloadConfig();
        } catch (XmlRpcFault e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            if (e.code() == Faults.CANT_REREAD) {
                ctl.output().line("ERROR: " + e.string());
                return;
            }
            shuttingDown(e, "ERROR: supervisor shutting down");
            return;
        }
        Map<String, String> byName = new TreeMap<>();
        changes.added().forEach(name -> byName.put(name, "available"));
        changes.changed().forEach(name -> byName.put(name, "changed"));
        changes.removed().forEach(name -> byName.put(name, "disappeared"));
        if (byName.isEmpty()) {
            ctl.output().line("No config updates to processes");
        }
        byName.forEach((name, change) -> ctl.output().line(name + ": " + change));
    }

    private void update(String argument) throws IOException, XmlRpcFault {
        RemoteSupervisor supervisor = ctl.supervisor();
        ConfigChanges changes;
        try {
            changes = supervisor.reloadConfig();
        } catch (XmlRpcFault e) {
            shuttingDown(e, "ERROR: already shutting down");
            return;
        }
        Set<String> wanted = new HashSet<>(ProcessCommands.words(argument));
        if (wanted.contains("all")) {
            wanted.clear();
        }
        if (!wanted.isEmpty()) {
            Set<String> groups = new HashSet<>(changes.added());
            supervisor.allProcessInfo().forEach(info -> groups.add(info.group()));
            // supervisorctl walks a Python set here; sorted is one order it may take
            for (String name : sorted(wanted)) {
                if (!groups.contains(name)) {
                    ctl.output().line("ERROR: no such group: " + name);
                    ctl.exitStatus(ExitStatus.GENERIC);
                }
            }
        }
        for (String group : changes.removed()) {
            if (!wanted.isEmpty() && !wanted.contains(group)) {
                continue;
            }
            List<CallResult> results = supervisor.stopProcessGroup(group);
            ctl.output().line(group + ": stopped");
            if (results.stream().anyMatch(r -> r.status() == Faults.FAILED)) {
                ctl.output().line(group + ": has problems; not removing");
                ctl.exitStatus(ExitStatus.GENERIC);
                continue;
            }
            supervisor.removeProcessGroup(group);
            ctl.output().line(group + ": removed process group");
        }
        for (String group : changes.changed()) {
            if (!wanted.isEmpty() && !wanted.contains(group)) {
                continue;
            }
            supervisor.stopProcessGroup(group);
            ctl.output().line(group + ": stopped");
            supervisor.removeProcessGroup(group);
            supervisor.addProcessGroup(group);
            ctl.output().line(group + ": updated process group");
        }
        for (String group : changes.added()) {
            if (!wanted.isEmpty() && !wanted.contains(group)) {
                continue;
            }
            supervisor.addProcessGroup(group);
            ctl.output().line(group + ": added process group");
        }
    }

    private void add(String argument) throws IOException, XmlRpcFault {
        RemoteSupervisor supervisor = ctl.supervisor();
        for (String name : ProcessCommands.words(argument)) {
            try {
                supervisor.addProcessGroup(name);
                ctl.output().line(name + ": added process group");
            } catch (XmlRpcFault e) {
                switch (e.code()) {
                    case Faults.SHUTDOWN_STATE:
                        ctl.output().line("ERROR: shutting down");
                        ctl.exitStatus(ExitStatus.GENERIC);
                        break;
                    case Faults.ALREADY_ADDED:
                        ctl.output().line("ERROR: process group already active");
                        break;
                    case Faults.BAD_NAME:
                        ctl.output().line("ERROR: no such process/group: " + name);
                        ctl.exitStatus(ExitStatus.GENERIC);
                        break;
                    default:
                        ctl.exitStatus(ExitStatus.GENERIC);
                        throw e;
                }
            }
        }
    }

    private void remove(String argument) throws IOException, XmlRpcFault {
        RemoteSupervisor supervisor = ctl.supervisor();
        for (String name : ProcessCommands.words(argument)) {
            try {
                supervisor.removeProcessGroup(name);
                ctl.output().line(name + ": removed process group");
            } catch (XmlRpcFault e) {
                ctl.exitStatus(ExitStatus.GENERIC);
                if (e.code() == Faults.STILL_RUNNING) {
                    ctl.output().line("ERROR: process/group still running: " + name);
                } else if (e.code() == Faults.BAD_NAME) {
                    ctl.output().line("ERROR: no such process/group: " + name);
                } else {
                    throw e;
                }
            }
        }
    }

    /** Prints {@code message} for a SHUTDOWN_STATE fault; throws any other. Sets the exit status to 1 either way. */
    private void shuttingDown(XmlRpcFault e, String message) throws XmlRpcFault {
        ctl.exitStatus(ExitStatus.GENERIC);
        if (e.code() != Faults.SHUTDOWN_STATE) {
            throw e;
        }
        ctl.output().line(message);
    }

    private void rejectArguments(String command) {
        ctl.output().line("Error: " + command + " accepts no arguments");
        ctl.exitStatus(ExitStatus.GENERIC);
        ctl.output().line(ctl.command(command).orElseThrow().help());
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
