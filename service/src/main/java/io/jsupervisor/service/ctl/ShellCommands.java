package io.jsupervisor.service.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands about the shell itself: {@code help}, and {@code quit}, {@code exit} and {@code EOF}
 * (what end of input means), which end it.
 *
 * <p>Runs on the controller's thread.
 */
final class ShellCommands {
    private static final String HELP_HELP = "help\t\tPrint a list of available actions\n"
            + "help <action>\tPrint help for <action>";
    private static final String HEADER = "default commands (type help <topic>):";
    /** supervisorctl heads a plugin's commands with the plugin's name; ours are listed the same way. */
    private static final String JSUPERVISOR_HEADER = "jsupervisor commands (type help <topic>):";
    /** The width {@code help} lays the command names out in. */
    private static final int WIDTH = 79;

    private final Controller ctl;

    private ShellCommands(Controller ctl) {
        this.ctl = ctl;
    }

    static void register(Controller ctl) {
        ShellCommands c = new ShellCommands(ctl);
        ctl.register(Command.of("help", HELP_HELP, c::help));
        ctl.register(Command.ending("EOF", null, argument -> ctl.output().line("")));
        ctl.register(Command.ending("quit", "quit\tExit the supervisor shell.", argument -> ctl.output().line("")));
        ctl.register(Command.ending("exit", "exit\tExit the supervisor shell.", argument -> ctl.output().line("")));
    }

    private void help(String topic) {
        if (topic.equals("help")) {
            ctl.output().line(HELP_HELP);
            return;
        }
        if (!topic.isEmpty()) {
            String help = ctl.command(topic).map(Command::help).orElse(null);
            ctl.output().line(help != null ? help : "*** No help on " + topic);
            return;
        }
        topics(HEADER, false);
        topics(JSUPERVISOR_HEADER, true);
    }

    private void topics(String header, boolean jsupervisorOnly) {
        List<String> names = new ArrayList<>();
        for (Command command : ctl.commands()) {
            if (command.help() != null && !command.name().equals("help") && command.jsupervisorOnly() == jsupervisorOnly) {
                names.add(command.name());
            }
        }
        names.sort(null);
        ctl.output().line("");
        ctl.output().line(header);
        ctl.output().line("=".repeat(header.length()));
        Columns.layout(names, WIDTH).forEach(ctl.output()::line);
        ctl.output().line("");
    }
}
