package io.jsupervisor.config.types;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux signal names and numbers (x86-64 and arm64 share them), and the rules supervisord uses to
 * read a signal from configuration: a number, or a name with or without {@code SIG}, in any case.
 *
 * <p>Stateless and thread-safe.
 */
public final class Signals {
    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();
    private static final Map<Integer, String> BY_NUMBER = new LinkedHashMap<>();
    /** Numbers Python's signal module accepts: the standard signals, 0, and SIGRTMIN/SIGRTMAX. */
    private static final Set<Integer> VALID_NUMBERS;

    static {
        String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
            "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 0; i < names.length; i++) {
            BY_NAME.put(names[i], i + 1);
            BY_NUMBER.put(i + 1, names[i]);
        }
        BY_NAME.put("RTMIN", 34);
        BY_NAME.put("RTMAX", 64);
        BY_NUMBER.put(34, "RTMIN");
        BY_NUMBER.put(64, "RTMAX");
        BY_NAME.put("IOT", 6);
        BY_NAME.put("CLD", 17);
        BY_NAME.put("POLL", 29);
        VALID_NUMBERS = Set.copyOf(BY_NAME.values());
    }

    private Signals() {
    }

    /** Reads a signal as supervisord's {@code signal_number} does. */
    public static int parse(String value) throws InvalidValueException {
        String text = value.strip();
        Optional<Integer> number = Numbers.parseInt(text);
        if (number.isPresent()) {
            if (number.get() != 0 && !VALID_NUMBERS.contains(number.get())) {
                throw new InvalidValueException("'" + value + "' is not a signal number (expected 1 to 31, 34 or 64, "
                        + "or a name such as TERM)");
            }
            return number.get();
        }
        String name = text.toUpperCase(Locale.ROOT);
        Integer found = BY_NAME.get(name.startsWith("SIG") ? name.substring(3) : name);
        if (found == null) {
            throw new InvalidValueException("unknown signal '" + value + "' (expected a signal name such as TERM, "
                    + "HUP, INT, QUIT, KILL, USR1 or USR2, with or without SIG, or a signal number)");
        }
        return found;
    }

    /** The name of a signal without {@code SIG}, e.g. {@code TERM}, or {@code signal N} for an unnamed one. */
    public static String name(int number) {
        String name = BY_NUMBER.get(number);
        return name != null ? name : "signal " + number;
    }

}
