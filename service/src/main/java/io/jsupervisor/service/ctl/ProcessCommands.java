package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * The commands that look at and act on processes: {@code status}, {@code start}, {@code stop},
 * {@code restart}, {@code signal}, {@code pid} and {@code clear}, with supervisorctl's messages and
 * exit statuses; and {@code rolling_restart}, which only jsupervisord serves.
 *
 * <p>Runs on the controller's thread.
 */
final class ProcessCommands {
    private static final Pattern BLANKS = Pattern.compile("(?U)\\s+");

    private final Controller ctl;

    private ProcessCommands(Controller ctl) {
        this.ctl = ctl;
    }

    static void register(Controller ctl) {
        ProcessCommands c = new ProcessCommands(ctl);
        ctl.register(Command.of("status", "status <name>\t\tGet status for a single process\n"
                + "status <gname>:*\tGet status for all processes in a group\n"
                + "status <name> <name>\tGet status for multiple named processes\n"
                + "status\t\t\tGet all process status info", c::status));
        ctl.register(Command.of("start", "start <name>\t\tStart a process\n"
                + "start <gname>:*\t\tStart all processes in a group\n"
                + "start <name> <name>\tStart multiple processes or groups\n"
                + "start all\t\tStart all processes", c::start));
        ctl.register(Command.of("stop", "stop <name>\t\tStop a process\n"
                + "stop <gname>:*\t\tStop all processes in a group\n"
                + "stop <name> <name>\tStop multiple processes or groups\n"
                + "stop all\t\tStop all processes", c::stop));
        ctl.register(Command.of("restart", "restart <name>\t\tRestart a process\n"
                + "restart <gname>:*\tRestart all processes in a group\n"
                + "restart <name> <name>\tRestart multiple processes or groups\n"
                + "restart all\t\tRestart all processes\n"
                + "Note: restart does not reread config files. For that, see reread and update.", c::restart));
        ctl.register(Command.jsupervisorOnly("rolling_restart", "rolling_restart <gname>\tRestart the processes of "
                + "a group one at a time,\n\t\t\teach RUNNING again before the next is stopped;\n"
                + "\t\t\tstops at the first that fails to start (jsupervisord only)", c::rollingRestart));
        ctl.register(Command.of("signal", "signal <signal name> <name>\t\tSignal a process\n"
                + "signal <signal name> <gname>:*\t\tSignal all processes in a group\n"
                + "signal <signal name> <name> <name>\tSignal multiple processes or groups\n"
                + "signal <signal name> all\t\tSignal all processes", c::signal));
        ctl.register(Command.of("pid", "pid\t\t\tGet the PID of supervisord.\n"
                + "pid <name>\t\tGet the PID of a single child process by name.\n"
                + "pid all\t\t\tGet the PID of every child process, one per line.", c::pid));
        ctl.register(Command.of("clear", "clear <name>\t\tClear a process' log files.\n"
                + "clear <name> <name>\tClear multiple process' log files\n"
                + "clear all\t\tClear all process' log files", c::clear));
    }

    private void status(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            ctl.exitStatus(ExitStatus.STATUS_UNKNOWN);
            return;
        }
        List<ProcessInfo> all = ctl.supervisor().allProcessInfo();
        List<String> names = words(argument);
        List<ProcessInfo> matching;
        if (names.isEmpty() || names.contains("all")) {
            matching = all;
        } else {
            matching = new ArrayList<>();
            for (String name : names) {
                Namespec spec = Namespec.parse(name);
                boolean found = false;
                for (ProcessInfo info : all) {
                    if (info.group().equals(spec.group()) && (spec.wholeGroup() || info.name().equals(spec.process()))) {
                        found = true;
                        matching.add(info);
                    }
                }
                if (!found) {
                    ctl.output().line(spec.wholeGroup() ? spec.group() + ": ERROR (no such group)"
                            : name + ": ERROR (no such process)");
                    ctl.exitStatus(ExitStatus.STATUS_UNKNOWN);
                }
            }
        }
        StatusTable.print(matching, ctl.output());
        if (matching.stream().anyMatch(ProcessInfo::stopped)) {
            ctl.exitStatus(ExitStatus.STATUS_NOT_RUNNING);
        }
    }

    private void start(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = words(argument);
        RemoteSupervisor supervisor = ctl.supervisor();
        if (names.isEmpty()) {
            ctl.output().line("Error: start requires a process name");
            ctl.exitStatus(ExitStatus.INVALID_ARGS);
            printHelp("start");
            return;
        }
        if (names.contains("all")) {
            startResults(supervisor.startAllProcesses());
            return;
        }
        for (String name : names) {
            Namespec spec = Namespec.parse(name);
            if (spec.wholeGroup()) {
                try {
                    startResults(supervisor.startProcessGroup(spec.group()));
                } catch (XmlRpcFault e) {
                    if (e.code() != Faults.BAD_NAME) {
                        ctl.exitStatus(ExitStatus.GENERIC);
                        throw e;
                    }
                    ctl.output().line(spec.group() + ": ERROR (no such group)");
                    ctl.exitStatus(ExitStatus.INVALID_ARGS);
                }
                continue;
            }
            try {
                supervisor.startProcess(name);
                ctl.output().line(Namespec.format(spec.group(), spec.process()) + ": started");
            } catch (XmlRpcFault e) {
                startResults(List.of(new CallResult(spec.group(), spec.process(), e.code(), e.string())));
            }
        }
    }

    private void startResults(List<CallResult> results) {
        for (CallResult result : results) {
            ctl.output().line(startMessage(result));
            ctl.exitStatusFromFault(result.status(), Faults.ALREADY_STARTED);
        }
    }

    private static String startMessage(CallResult result) {
        switch (result.status()) {
            case Faults.BAD_NAME:
                return error(result, "no such process");
            case Faults.NO_FILE:
                return error(result, "no such file");
            case Faults.NOT_EXECUTABLE:
                return error(result, "file is not executable");
            case Faults.ALREADY_STARTED:
                return error(result, "already started");
            case Faults.SPAWN_ERROR:
                return error(result, "spawn error");
            case Faults.ABNORMAL_TERMINATION:
                return error(result, "abnormal termination");
            case Faults.SUCCESS:
                return result.namespec() + ": started";
            default:
                throw unknownResult(result);
        }
    }

    private void stop(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = words(argument);
        RemoteSupervisor supervisor = ctl.supervisor();
        if (names.isEmpty()) {
            ctl.output().line("Error: stop requires a process name");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("stop");
            return;
        }
        if (names.contains("all")) {
            signalResults(supervisor.stopAllProcesses(), "stopped", Faults.NOT_RUNNING);
            return;
        }
        for (String name : names) {
            Namespec spec = Namespec.parse(name);
            if (spec.wholeGroup()) {
                try {
                    signalResults(supervisor.stopProcessGroup(spec.group()), "stopped", Faults.NOT_RUNNING);
                } catch (XmlRpcFault e) {
                    ctl.exitStatus(ExitStatus.GENERIC);
                    if (e.code() != Faults.BAD_NAME) {
                        throw e;
                    }
                    ctl.output().line(spec.group() + ": ERROR (no such group)");
                }
                continue;
            }
            try {
                supervisor.stopProcess(name);
                ctl.output().line(Namespec.format(spec.group(), spec.process()) + ": stopped");
            } catch (XmlRpcFault e) {
                signalResults(List.of(new CallResult(spec.group(), spec.process(), e.code(), e.string())), "stopped",
                        Faults.NOT_RUNNING);
            }
        }
    }

    private void restart(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        if (words(argument).isEmpty()) {
            ctl.output().line("Error: restart requires a process name");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("restart");
            return;
        }
        stop(argument);
        start(argument);
    }

    private void rollingRestart(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = words(argument);
        if (names.size() != 1) {
            ctl.output().line("Error: rolling_restart requires one group name");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("rolling_restart");
            return;
        }
        String group = Namespec.parse(names.get(0)).group();
        try {
            for (CallResult result : ctl.supervisor().rollingRestart(group)) {
                ctl.output().line(result.status() == Faults.SUCCESS ? result.namespec() + ": restarted"
                        : startMessage(result));
                ctl.exitStatusFromFault(result.status());
            }
        } catch (XmlRpcFault e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            if (e.code() == Faults.UNKNOWN_METHOD) {
                ctl.output().line("Error: this server has no rolling restart (supervisord has none; jsupervisord has)");
            } else if (e.code() == Faults.BAD_NAME) {
                ctl.output().line(group + ": ERROR (no such group)");
            } else {
                throw e;
            }
        }
    }

    private void signal(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> args = words(argument);
        if (args.size() < 2) {
            ctl.output().line("Error: signal requires a signal name and a process name");
            printHelp("signal");
            ctl.exitStatus(ExitStatus.GENERIC);
            return;
        }
        String signal = args.get(0);
        List<String> names = args.subList(1, args.size());
        RemoteSupervisor supervisor = ctl.supervisor();
        if (names.contains("all")) {
            signalResults(supervisor.signalAllProcesses(signal), "signalled", Faults.SUCCESS);
            return;
        }
        for (String name : names) {
            Namespec spec = Namespec.parse(name);
            if (spec.wholeGroup()) {
                try {
                    signalResults(supervisor.signalProcessGroup(spec.group(), signal), "signalled", Faults.SUCCESS);
                } catch (XmlRpcFault e) {
                    if (e.code() != Faults.BAD_NAME) {
                        throw e;
                    }
                    ctl.output().line(spec.group() + ": ERROR (no such group)");
                    ctl.exitStatus(ExitStatus.GENERIC);
                }
                continue;
            }
            try {
                supervisor.signalProcess(name, signal);
                ctl.output().line(Namespec.format(spec.group(), spec.process()) + ": signalled");
            } catch (XmlRpcFault e) {
                signalResults(List.of(new CallResult(spec.group(), spec.process(), e.code(), e.string())), "signalled",
                        Faults.SUCCESS);
            }
        }
    }

    /** Prints stop or signal results ({@code success} names what was done) and sets the exit status. */
    private void signalResults(List<CallResult> results, String success, int ignoredFault) {
        for (CallResult result : results) {
            ctl.output().line(signalMessage(result, success));
            ctl.exitStatusFromFault(result.status(), ignoredFault);
        }
    }

    private static String signalMessage(CallResult result, String success) {
        switch (result.status()) {
            case Faults.BAD_NAME:
                return error(result, "no such process");
            case Faults.BAD_SIGNAL:
                return error(result, "bad signal name");
            case Faults.NOT_RUNNING:
                return error(result, "not running");
            case Faults.SUCCESS:
                return result.namespec() + ": " + success;
            case Faults.FAILED:
                return result.description();
            default:
                throw unknownResult(result);
        }
    }

    private void pid(String argument) throws IOException, XmlRpcFault {
        RemoteSupervisor supervisor = ctl.supervisor();
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = words(argument);
        if (names.isEmpty()) {
            ctl.output().line(Integer.toString(supervisor.pid()));
            return;
        }
        if (names.contains("all")) {
            for (ProcessInfo info : supervisor.allProcessInfo()) {
                ctl.output().line(Integer.toString(info.pid()));
            }
            return;
        }
        for (String name : names) {
            try {
                int pid = supervisor.processInfo(name).pid();
                ctl.output().line(Integer.toString(pid));
                if (pid == 0) {
                    ctl.exitStatus(ExitStatus.NOT_RUNNING);
                }
            } catch (XmlRpcFault e) {
                ctl.exitStatus(ExitStatus.GENERIC);
                if (e.code() != Faults.BAD_NAME) {
                    throw e;
                }
                ctl.output().line("No such process " + name);
            }
        }
    }

    private void clear(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = words(argument);
        if (names.isEmpty()) {
            ctl.output().line("Error: clear requires a process name");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("clear");
            return;
        }
        RemoteSupervisor supervisor = ctl.supervisor();
        if (names.contains("all")) {
            clearResults(supervisor.clearAllProcessLogs());
            return;
        }
        for (String name : names) {
            Namespec spec = Namespec.parse(name);
            try {
                supervisor.clearProcessLogs(name);
                ctl.output().line(Namespec.format(spec.group(), spec.process()) + ": cleared");
            } catch (XmlRpcFault e) {
                clearResults(List.of(new CallResult(spec.group(), spec.process(), e.code(), e.string())));
            }
        }
    }

    private void clearResults(List<CallResult> results) {
        for (CallResult result : results) {
            String message;
            switch (result.status()) {
                case Faults.BAD_NAME:
                    message = error(result, "no such process");
                    break;
                case Faults.FAILED:
                    message = error(result, "failed");
                    break;
                case Faults.SUCCESS:
                    message = result.namespec() + ": cleared";
                    break;
                default:
                    throw unknownResult(result);
            }
            ctl.output().line(message);
            ctl.exitStatusFromFault(result.status());
        }
    }

    private void printHelp(String command) {
        ctl.output().line(ctl.command(command).orElseThrow().help());
    }

    private static String error(CallResult result, String what) {
        return result.namespec() + ": ERROR (" + what + ")";
    }

    private static IllegalArgumentException unknownResult(CallResult result) {
        return new IllegalArgumentException("Unknown result code " + result.status() + " for " + result.namespec());
    }

    /** The blank-separated words of {@code text}, as Python's {@code str.split()} gives them. */
    static List<String> words(String text) {
        return Arrays.stream(BLANKS.split(text)).filter(word -> !word.isEmpty()).toList();
    }
}
