package io.jsupervisor.config.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a command line the way Python's {@code getopt.getopt} does for supervisord and supervisorctl:
 * short options may be bundled ({@code -nk}), a short option's value may be joined or the next
 * argument ({@code -cFILE}, {@code -c FILE}), a long option's value may follow {@code =} or be the
 * next argument, and any unique prefix names a long option. Options end at {@code --}, at a lone
 * {@code -}, or at the first argument that does not start with {@code -}; the rest are the arguments.
 *
 * <p>Stateless and thread-safe.
 */
public final class Getopt {

    /** An option a command accepts: its short letter (or {@code '\0'}), long name (or null) and whether it takes a value. */
    public record Option(char shortName, String longName, boolean takesValue) {
    }

    /** One option as given: which, how it was spelled ({@code -c} or {@code --configuration}), and its value or null. */
    public record Found(Option option, String spelling, String value) {
    }

    /** The options in the order given, and the arguments after them. */
    public record Result(List<Found> options, List<String> arguments) {
        public Result {
            options = List.copyOf(options);
            arguments = List.copyOf(arguments);
        }
    }

    private Getopt() {
    }

    /** Splits {@code args} against {@code accepted}; the messages are getopt's. */
    public static Result parse(List<Option> accepted, String... args) throws UsageException {
        List<Found> found = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-")) {
            String arg = args[i++];
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                Option option = longOption(accepted, arg.substring(2, eq < 0 ? arg.length() : eq));
                String spelling = "--" + option.longName();
                String value = null;
                if (option.takesValue()) {
                    if (eq >= 0) {
                        value = arg.substring(eq + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option " + spelling + " requires argument");
                    }
                } else if (eq >= 0) {
                    throw new UsageException("option " + spelling + " must not have an argument");
                }
                found.add(new Found(option, spelling, value));
                continue;
            }
            for (int k = 1; k < arg.length(); k++) {
                Option option = shortOption(accepted, arg.charAt(k));
                String value = null;
                if (option.takesValue()) {
                    if (k + 1 < arg.length()) {
                        value = arg.substring(k + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageException("option -" + arg.charAt(k) + " requires argument");
                    }
                    k = arg.length();
                }
                found.add(new Found(option, "-" + option.shortName(), value));
            }
        }
        return new Result(found, Arrays.asList(args).subList(i, args.length));
    }

    private static Option shortOption(List<Option> accepted, char c) throws UsageException {
        for (Option option : accepted) {
            if (option.shortName() == c && c != '\0') {
                return option;
            }
        }
        throw new UsageException("option -" + c + " not recognized");
    }

    /** The long option named exactly, or the only one {@code name} is a prefix of. */
    private static Option longOption(List<Option> accepted, String name) throws UsageException {
        List<Option> candidates = new ArrayList<>();
        for (Option option : accepted) {
            if (option.longName() == null || !option.longName().startsWith(name)) {
                continue;
            }
            if (option.longName().equals(name)) {
                return option;
            }
            candidates.add(option);
        }
        if (candidates.isEmpty()) {
            throw new UsageException("option --" + name + " not recognized");
        }
        if (candidates.size() > 1) {
            throw new UsageException("option --" + name + " not a unique prefix");
        }
        return candidates.get(0);
    }
}
