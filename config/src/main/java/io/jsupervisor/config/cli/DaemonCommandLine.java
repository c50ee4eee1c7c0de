package io.jsupervisor.config.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code jsupervisord}'s command line: supervisord 4.2's options with Python {@code getopt}'s
 * rules (short options may be bundled, {@code -cFILE} and {@code -c FILE}, {@code --opt=value} and
 * {@code --opt value}, any unique prefix of a long option), plus {@code --check-config}.
 *
 * <p>{@code -t} keeps supervisord's meaning, {@code --strip_ansi}, so that existing service
 * definitions behave the same; the configuration check has only its long form.
 *
 * <p>Stateless and thread-safe.
 */
public final class DaemonCommandLine {
    private static final Getopt.Option HELP = new Getopt.Option('h', "help", false);
    private static final Getopt.Option QUESTION_MARK = new Getopt.Option('?', null, false);
    private static final Getopt.Option CONFIGURATION = new Getopt.Option('c', "configuration", true);
    private static final Getopt.Option VERSION = new Getopt.Option('v', "version", false);
    private static final Getopt.Option CHECK_CONFIG = new Getopt.Option('\0', "check-config", false);

    /** The options that set the {@code [supervisord]} option of their long name. */
    private static final List<Getopt.Option> SETTINGS = List.of(
            new Getopt.Option('n', "nodaemon", false),
            new Getopt.Option('u', "user", true),
            new Getopt.Option('m', "umask", true),
            new Getopt.Option('d', "directory", true),
            new Getopt.Option('l', "logfile", true),
            new Getopt.Option('y', "logfile_maxbytes", true),
            new Getopt.Option('z', "logfile_backups", true),
            new Getopt.Option('e', "loglevel", true),
            new Getopt.Option('j', "pidfile", true),
            new Getopt.Option('i', "identifier", true),
            new Getopt.Option('q', "childlogdir", true),
            new Getopt.Option('k', "nocleanup", false),
            new Getopt.Option('a', "minfds", true),
            new Getopt.Option('t', "strip_ansi", false),
            new Getopt.Option('\0', "minprocs", true),
            new Getopt.Option('\0', "profile_options", true),
            new Getopt.Option('s', "silent", false));

    private static final List<Getopt.Option> OPTIONS = options();

    private DaemonCommandLine() {
    }

    public static DaemonArguments parse(String... args) throws UsageException {
        Getopt.Result given = Getopt.parse(OPTIONS, args);
        if (!given.arguments().isEmpty()) {
            throw new UsageException("positional arguments are not supported: " + pythonList(given.arguments()));
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<Path> configFile = Optional.empty();
        DaemonArguments.Action action = DaemonArguments.Action.RUN;
        for (Getopt.Found found : given.options()) {
            Getopt.Option option = found.option();
            if (option == HELP || option == QUESTION_MARK) {
                action = DaemonArguments.Action.HELP;
            } else if (option == VERSION) {
                action = action == DaemonArguments.Action.HELP ? action : DaemonArguments.Action.VERSION;
            } else if (option == CHECK_CONFIG) {
                action = action == DaemonArguments.Action.RUN ? DaemonArguments.Action.CHECK_CONFIG : action;
            } else if (option == CONFIGURATION) {
                if (configFile.isPresent()) {
                    throw conflict(found);
                }
                configFile = Optional.of(Path.of(found.value()));
            } else {
                if (overrides.containsKey(option.longName())) {
                    throw conflict(found);
                }
                overrides.put(option.longName(), option.takesValue() ? found.value() : "true");
            }
        }
        return new DaemonArguments(configFile, overrides, action);
    }

    private static List<Getopt.Option> options() {
        List<Getopt.Option> all = new ArrayList<>(List.of(HELP, QUESTION_MARK, CONFIGURATION, VERSION));
        all.addAll(SETTINGS);
        all.add(CHECK_CONFIG);
        return List.copyOf(all);
    }

    private static UsageException conflict(Getopt.Found found) {
        return new UsageException("conflicting command line option '" + found.spelling() + "'");
    }

    private static String pythonList(List<String> args) {
        List<String> quoted = new ArrayList<>();
        for (String arg : args) {
            quoted.add("'" + arg + "'");
        }
        return "[" + String.join(", ", quoted) + "]";
    }
}
