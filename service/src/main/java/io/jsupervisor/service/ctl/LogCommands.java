package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * The commands that read logs: {@code tail} (a process's stdout or stderr), {@code maintail}
 * (supervisord's own log), each once or followed, and {@code fg}, which follows a process's output
 * while sending typed lines to its standard input.
 *
 * <p>Runs on the controller's thread; {@code fg} adds two threads that print the process's output.
 */
final class LogCommands {
    private static final int DEFAULT_BYTES = 1600;
    /** What Python's {@code int()} accepts from one word: a sign, digits, single underscores between them. */
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");

    private final Controller ctl;

    private LogCommands(Controller ctl) {
        this.ctl = ctl;
    }

    static void register(Controller ctl) {
        LogCommands c = new LogCommands(ctl);
        ctl.register(Command.of("tail", "tail [-f] <name> [stdout|stderr] (default stdout)\n"
                + "Ex:\n"
                + "tail -f <name>\t\tContinuous tail of named process stdout\n"
                + "\t\t\tCtrl-C to exit.\n"
                + "tail -100 <name>\tlast 100 *bytes* of process stdout\n"
                + "tail <name> stderr\tlast 1600 *bytes* of process stderr", c::tail));
        ctl.register(Command.of("maintail",
                "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n"
                        + "maintail -100\tlast 100 *bytes* of supervisord main log file\n"
                        + "maintail\tlast 1600 *bytes* of supervisor main log file\n", c::maintail));
        ctl.register(Command.of("fg", "fg <process>\tConnect to a process in foreground mode\n"
                + "\t\tCtrl-C to exit", c::fg));
    }

    private void tail(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> args = new ArrayList<>(ProcessCommands.words(argument));
        if (args.isEmpty() || args.size() > 3) {
            ctl.output().line(args.isEmpty() ? "Error: too few arguments" : "Error: too many arguments");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("tail");
            return;
        }
        String modifier = args.get(0).startsWith("-") ? args.remove(0) : null;
        String name;
        String channel = "stdout";
        if (args.size() == 1) {
            name = args.get(0);
        } else if (args.isEmpty()) {
            usageError("Error: tail requires process name");
            return;
        } else {
            name = args.get(0);
            // the last word is the channel, even when three were given
            channel = args.get(args.size() - 1).toLowerCase();
            if (!channel.equals("stdout") && !channel.equals("stderr")) {
                usageError("Error: bad channel " + PythonText.repr(channel));
                return;
            }
        }
        int bytes = DEFAULT_BYTES;
        if (modifier != null) {
            String what = modifier.substring(1);
            if (what.equals("f")) {
                ctl.follow("/logtail/" + name + "/" + channel);
                return;
            }
            if (!PYTHON_INT.matcher(what).matches()) {
                usageError("Error: bad argument " + modifier);
                return;
            }
            bytes = xmlRpcInt(what);
        }
        try {
            ctl.output().line(ctl.supervisor().processLogTail(name, channel.equals("stderr"), bytes));
        } catch (XmlRpcFault e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            ctl.output().line(name + ": ERROR (" + logFault(e, "no such process name") + ")");
        }
    }

    private void maintail(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> args = ProcessCommands.words(argument);
        if (args.size() > 1) {
            ctl.output().line("Error: too many arguments");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("maintail");
            return;
        }
        int bytes = DEFAULT_BYTES;
        if (args.size() == 1) {
            String word = args.get(0);
            String what = word.startsWith("-") ? word.substring(1) : null;
            if ("f".equals(what)) {
                ctl.follow("/mainlogtail");
                return;
            }
            if (what == null || !PYTHON_INT.matcher(what).matches()) {
                usageError("Error: bad argument " + word);
                return;
            }
            bytes = xmlRpcInt(what);
        }
        try {
            ctl.output().line(ctl.supervisor().mainLogTail(bytes));
        } catch (XmlRpcFault e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            ctl.output().line("supervisord: ERROR (" + logFault(e, null) + ")");
        }
    }

    /** The words for a fault from reading a log; throws those supervisorctl does not explain. */
    private static String logFault(XmlRpcFault e, String badName) throws XmlRpcFault {
        if (e.code() == Faults.NO_FILE) {
            return "no log file";
        }
        if (e.code() == Faults.FAILED) {
            return "unknown error reading log";
        }
        if (e.code() == Faults.BAD_NAME && badName != null) {
            return badName;
        }
        throw e;
    }

    private void fg(String argument) throws IOException, XmlRpcFault {
        if (!ctl.upcheck()) {
            return;
        }
        List<String> names = ProcessCommands.words(argument);
        if (names.isEmpty()) {
            ctl.output().line("ERROR: no process name supplied");
            ctl.exitStatus(ExitStatus.GENERIC);
            printHelp("fg");
            return;
        }
        if (names.size() > 1) {
            usageError("ERROR: too many process names supplied");
            return;
        }
        String name = names.get(0);
        RemoteSupervisor supervisor = ctl.supervisor();
        ProcessInfo info;
        try {
            info = supervisor.processInfo(name);
        } catch (XmlRpcFault e) {
            if (e.code() == Faults.BAD_NAME) {
                usageError("ERROR: bad process name supplied");
            } else {
                ctl.output().line("ERROR: " + PythonErrors.repr(e));
            }
            return;
        }
        if (info.state() != ProcessInfo.RUNNING) {
            usageError("ERROR: process not running");
            return;
        }
        ctl.output().line("==> Press Ctrl-C to exit <==");
        try (Foreground output = new Foreground(name)) {
            while (true) {
                String line;
                try {
                    line = ctl.input().readLine("");
                } catch (InterruptedByUser e) {
                    line = null;
                }
                if (line == null) {
                    ctl.output().line("Exiting foreground");
                    return;
                }
                try {
                    supervisor.sendProcessStdin(name, line + "\n");
                } catch (XmlRpcFault e) {
                    ctl.output().line(e.code() == Faults.NOT_RUNNING ? "Process got killed" : "ERROR: " + PythonErrors.repr(e));
                    ctl.output().line("Exiting foreground");
                    return;
                }
                if (supervisor.processInfo(name).state() != ProcessInfo.RUNNING) {
                    ctl.output().line("Process got killed");
                    ctl.output().line("Exiting foreground");
                    return;
                }
            }
        }
    }

    /** {@code fg}'s view of a process: its stdout and stderr logs, followed on two threads until closed. */
    private final class Foreground implements AutoCloseable {
        private final List<LogFollower> followers = new ArrayList<>();

        Foreground(String name) {
            for (String channel : List.of("stdout", "stderr")) {
                LogFollower follower = new LogFollower(ctl.serverUrl(), "/logtail/" + name + "/" + channel,
                        ctl.credentials(), ctl.logSink());
                followers.add(follower);
                Thread thread = new Thread(follower::follow, "fg-" + channel);
                thread.setDaemon(true);
                thread.start();
            }
        }

        @Override
        public void close() {
            followers.forEach(LogFollower::stop);
        }
    }

    private void usageError(String message) {
        ctl.output().line(message);
        ctl.exitStatus(ExitStatus.GENERIC);
    }

    private void printHelp(String command) {
        ctl.output().line(ctl.command(command).orElseThrow().help());
    }

    /** A byte count as Python's {@code int()} reads it, within what XML-RPC can carry. */
    private static int xmlRpcInt(String text) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException tooLong) {
            value = Long.MAX_VALUE;
        }
        if (value > Integer.MAX_VALUE || -value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("int exceeds XML-RPC limits");
        }
        return (int) value;
    }
}
