package io.jsupervisor.service.ctl;

import java.io.IOException;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * One supervisorctl action: its name, its {@code help <name>} text (null when it has none), whether
 * it ends the shell, whether it is one of jsupervisord's own (listed apart by {@code help}, as
 * supervisorctl lists a plugin's commands), and what it does.
 *
 * <p>Immutable value; the action runs on the shell's thread.
 */
record Command(String name, String help, boolean endsShell, boolean jsupervisorOnly, Action action) {

    /** Runs the action with the rest of the command line, stripped of surrounding blanks. */
    @FunctionalInterface
    interface Action {
        void run(String argument) throws IOException, XmlRpcFault;
    }

    static Command of(String name, String help, Action action) {
        return new Command(name, help, false, false, action);
    }

    /** A command that needs jsupervisord: supervisord does not serve what it calls. */
    static Command jsupervisorOnly(String name, String help, Action action) {
        return new Command(name, help, false, true, action);
    }

    /** One that ends the shell. */
    static Command ending(String name, String help, Action action) {
        return new Command(name, help, true, false, action);
    }
}
