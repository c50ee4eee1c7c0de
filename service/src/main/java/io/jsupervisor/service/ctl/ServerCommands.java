package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.Optional;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * The commands about supervisord itself and the connection to it: {@code version}, {@code reload},
 * {@code shutdown} and {@code open}.
 *
 * <p>Runs on the controller's thread.
 */
final class ServerCommands {
    private final Controller ctl;

    private ServerCommands(Controller ctl) {
        this.ctl = ctl;
    }

    static void register(Controller ctl) {
        ServerCommands c = new ServerCommands(ctl);
        ctl.register(Command.of("version", "version\t\t\tShow the version of the remote supervisord process", c::version));
        ctl.register(Command.of("reload", "reload \t\tRestart the remote supervisord.", c::reload));
        ctl.register(Command.of("shutdown", "shutdown \tShut the remote supervisord down.", c::shutdown));
        ctl.register(Command.of("open", "open <url>\tConnect to a remote supervisord process.\n"
                + "\t\t(for UNIX domain socket, use unix:///socket/path)", c::open));
    }

    private void version(String argument) throws IOException, XmlRpcFault {
        if (rejectsArguments("version", argument) || !ctl.upcheck()) {
            return;
        }
        ctl.output().line(ctl.supervisor().supervisorVersion());
    }

    private void reload(String argument) throws IOException, XmlRpcFault {
        if (rejectsArguments("reload", argument) || !confirmed("Really restart the remote supervisord process y/N? ")) {
            return;
        }
        try {
            ctl.supervisor().restart();
            ctl.output().line("Restarted supervisord");
        } catch (XmlRpcFault e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            if (e.code() != Faults.SHUTDOWN_STATE) {
                throw e;
            }
            ctl.output().line("ERROR: already shutting down");
        }
    }

    private void shutdown(String argument) throws IOException, XmlRpcFault {
        if (rejectsArguments("shutdown", argument)
                || !confirmed("Really shut the remote supervisord process down y/N? ")) {
            return;
        }
        try {
            ctl.supervisor().shutdown();
            ctl.output().line("Shut down");
        } catch (XmlRpcFault e) {
            if (e.code() != Faults.SHUTDOWN_STATE) {
                ctl.exitStatus(ExitStatus.GENERIC);
                throw e;
            }
            ctl.output().line("ERROR: already shutting down");
        } catch (IOException e) {
            ctl.exitStatus(ExitStatus.GENERIC);
            Optional<OsError> error = OsError.of(e);
            if (error.isPresent() && error.get() == OsError.ECONNREFUSED) {
                ctl.output().line("ERROR: " + ctl.serverUrl() + " refused connection (already shut down?)");
            } else if (error.isPresent() && error.get() == OsError.ENOENT) {
                ctl.output().line("ERROR: " + ctl.serverUrl() + " no such file (already shut down?)");
            } else {
                throw e;
            }
        }
    }

    private void open(String argument) throws IOException, XmlRpcFault {
        String scheme = PythonUrl.split(argument).scheme();
        if (!scheme.equals("unix") && !scheme.equals("http")) {
            ctl.output().line("ERROR: url must be http:// or unix://");
            ctl.exitStatus(ExitStatus.GENERIC);
            return;
        }
        ctl.serverUrl(argument);
        int before = ctl.exitStatus();
        ctl.command("status").orElseThrow().action().run("");
        ctl.exitStatus(before);
    }

    /** In the shell (or with {@code -i}), asks {@code question} and says whether the answer starts with y. */
    private boolean confirmed(String question) throws IOException {
        if (!ctl.interactive()) {
            return true;
        }
        String answer = ctl.input().readLine(question);
        if (answer == null) {
            throw new EndOfInputException();
        }
        return answer.toLowerCase().startsWith("y");
    }

    private boolean rejectsArguments(String command, String argument) {
        if (argument.isEmpty()) {
            return false;
        }
        ctl.output().line("Error: " + command + " accepts no arguments");
        ctl.exitStatus(ExitStatus.GENERIC);
        ctl.output().line(ctl.command(command).orElseThrow().help());
        return true;
    }
}
