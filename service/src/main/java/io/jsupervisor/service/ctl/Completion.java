package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * What Tab offers in the shell, by supervisorctl's rules: command names for the first word and
 * after {@code help}, group names after {@code add}, {@code remove} and {@code update}, and process
 * names ({@code group:process}, {@code group:*}, or a bare name for a process alone in its group)
 * after the commands that take them. Nothing is offered when the server cannot be asked.
 *
 * <p>Runs on the shell's thread (a terminal library calls it while reading a line).
 */
final class Completion {
    private static final Set<String> GROUP_COMMANDS = Set.of("add", "remove", "rolling_restart", "update");
    private static final Set<String> PROCESS_COMMANDS = Set.of("clear", "fg", "pid", "restart", "signal", "start",
            "status", "stop", "tail");

    private final Controller ctl;

    Completion(Controller ctl) {
        this.ctl = ctl;
    }

    /**
     * The words that may replace {@code word} (the text before the cursor of the word being typed)
     * in {@code line} (the whole line), each without the space that follows it.
     */
    List<String> candidates(String line, String word) {
        List<String> words = ProcessCommands.words(line);
        if (words.isEmpty() || words.size() == 1 && !line.endsWith(" ")) {
            return commands(word);
        }
        String command = words.get(0);
        try {
            // supervisorctl tests "command in ('help')", a substring test, so "h", "el" or "p" count too
            if ("help".contains(command)) {
                return commands(word);
            }
            if (GROUP_COMMANDS.contains(command)) {
                return groups(word);
            }
            if (PROCESS_COMMANDS.contains(command)) {
                return processes(word);
            }
        } catch (IOException | XmlRpcFault | RuntimeException unavailable) {
            // a completion that cannot ask the server offers nothing, as readline ignores a failing completer
        }
        return List.of();
    }

    private List<String> commands(String word) {
        Set<String> names = new LinkedHashSet<>();
        for (Command command : ctl.commands()) {
            if (command.help() != null || command.name().equals("help")) {
                names.add(command.name());
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return startingWith(sorted, word);
    }

    private List<String> groups(String word) throws IOException, XmlRpcFault {
        Set<String> groups = new LinkedHashSet<>();
        for (ProcessInfo info : ctl.completionInfo()) {
            groups.add(info.group());
        }
        return startingWith(new ArrayList<>(groups), word);
    }

    private List<String> processes(String word) throws IOException, XmlRpcFault {
        Set<String> names = new LinkedHashSet<>();
        for (ProcessInfo info : ctl.completionInfo()) {
            if (word.contains(":") || !info.name().equals(info.group())) {
                names.add(info.group() + ":" + info.name());
                names.add(info.group() + ":*");
            } else {
                names.add(info.name());
            }
        }
        return startingWith(new ArrayList<>(names), word);
    }

    private static List<String> startingWith(List<String> names, String prefix) {
        return names.stream().filter(name -> name.startsWith(prefix)).toList();
    }
}
