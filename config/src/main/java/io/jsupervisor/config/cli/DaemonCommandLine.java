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

    /** One option: its short letter (or 0), long name, whether it takes a value, and what it sets. */
    private record Option(char shortName, String longName, boolean takesValue, String setting) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option('h', "help", false, null),
            new Option('?', null, false, null),
            new Option('c', "configuration", true, null),
            new Option('v', "version", false, null),
            new Option('n', "nodaemon", false, "nodaemon"),
            new Option('u', "user", true, "user"),
            new Option('m', "umask", true, "umask"),
            new Option('d', "directory", true, "directory"),
            new Option('l', "logfile", true, "logfile"),
            new Option('y', "logfile_maxbytes", true, "logfile_maxbytes"),
            new Option('z', "logfile_backups", true, "logfile_backups"),
            new Option('e', "loglevel", true, "loglevel"),
            new Option('j', "pidfile", true, "pidfile"),
            new Option('i', "identifier", true, "identifier"),
            new Option('q', "childlogdir", true, "childlogdir"),
            new Option('k', "nocleanup", false, "nocleanup"),
            new Option('a', "minfds", true, "minfds"),
            new Option('t', "strip_ansi", false, "strip_ansi"),
            new Option('\0', "minprocs", true, "minprocs"),
            new Option('\0', "profile_options", true, "profile_options"),
            new Option('s', "silent", false, "silent"),
            new Option('\0', "check-config", false, null));

    private DaemonCommandLine() {
    }

    public static DaemonArguments parse(String... args) throws UsageException {
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<Path> configFile = Optional.empty();
        DaemonArguments.Action action = DaemonArguments.Action.RUN;
        int i = 0;
        while (i < args.length) {
            String arg = args[i++];
            if (arg.equals("--")) {
                break;
            }
            Option option;
            String value = null;
            String display;
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                option = longOption(name);
                display = "--" + option.longName;
                if (eq >= 0 && !option.takesValue) {
                    throw new UsageException("option " + display + " must not have an argument");
                }
                if (option.takesValue) {
                    if (eq >= 0) {
                        value = arg.substring(eq + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option " + display + " requires argument");
                    }
                }
                action = apply(option, display, value, overrides, action);
                if (option.shortName == 'c') {
                    configFile = setConfig(configFile, display, value);
                }
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageException("positional arguments are not supported: " + pythonList(args, i - 1));
            }
            for (int k = 1; k < arg.length(); k++) {
                option = shortOption(arg.charAt(k));
                display = "-" + arg.charAt(k);
                value = null;
                if (option.takesValue) {
                    if (k + 1 < arg.length()) {
                        value = arg.substring(k + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option " + display + " requires argument");
                    }
                    k = arg.length();
                }
                action = apply(option, display, value, overrides, action);
                if (option.shortName == 'c') {
                    configFile = setConfig(configFile, display, value);
                }
            }
        }
        if (i < args.length) {
            throw new UsageException("positional arguments are not supported: " + pythonList(args, i));
        }
        return new DaemonArguments(configFile, overrides, action);
    }

    private static Optional<Path> setConfig(Optional<Path> current, String display, String value)
            throws UsageException {
        if (current.isPresent()) {
            throw new UsageException("conflicting command line option '" + display + "'");
        }
        return Optional.of(Path.of(value));
    }

    private static DaemonArguments.Action apply(Option option, String display, String value,
                                                Map<String, String> overrides, DaemonArguments.Action action)
            throws UsageException {
        if (option.shortName == 'h' || option.shortName == '?') {
            return DaemonArguments.Action.HELP;
        }
        if (option.shortName == 'v') {
            return action == DaemonArguments.Action.HELP ? action : DaemonArguments.Action.VERSION;
        }
        if ("check-config".equals(option.longName)) {
            return action == DaemonArguments.Action.RUN ? DaemonArguments.Action.CHECK_CONFIG : action;
        }
        if (option.setting != null) {
            if (overrides.containsKey(option.setting)) {
                throw new UsageException("conflicting command line option '" + display + "'");
            }
            overrides.put(option.setting, option.takesValue ? value : "true");
        }
        return action;
    }

    private static Option shortOption(char c) throws UsageException {
        for (Option option : OPTIONS) {
            if (option.shortName == c) {
                return option;
            }
        }
        throw new UsageException("option -" + c + " not recognized");
    }

    /** The long option named exactly, or the only one {@code name} is a prefix of, as getopt matches. */
    private static Option longOption(String name) throws UsageException {
        List<Option> candidates = new ArrayList<>();
        for (Option option : OPTIONS) {
            if (option.longName == null) {
                continue;
            }
            if (option.longName.equals(name)) {
                return option;
            }
            if (!name.isEmpty() && option.longName.startsWith(name)) {
                candidates.add(option);
            }
        }
        if (candidates.isEmpty()) {
            throw new UsageException("option --" + name + " not recognized");
        }
        if (candidates.size() > 1) {
            throw new UsageException("option --" + name + " not a unique prefix");
        }
        return candidates.get(0);
    }

    private static String pythonList(String[] args, int from) {
        List<String> quoted = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            quoted.add("'" + args[i] + "'");
        }
        return "[" + String.join(", ", quoted) + "]";
    }
}
