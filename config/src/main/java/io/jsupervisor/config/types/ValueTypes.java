package io.jsupervisor.config.types;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.LogTarget;

/**
 * The value types of supervisord's configuration, with the rules of its {@code datatypes} module:
 * what each accepts and what it turns the text into. Messages name the value and say what was
 * expected.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueTypes {
    private static final List<String> TRUE_WORDS = List.of("yes", "true", "on", "1");
    private static final List<String> FALSE_WORDS = List.of("no", "false", "off", "0");

    private ValueTypes() {
    }

    /** Python {@code int()}, within the range of a Java {@code int}. */
    public static int integer(String text) throws InvalidValueException {
        return Numbers.parseInt(text).orElseThrow(() -> new InvalidValueException(Numbers.parseLong(text).isPresent()
                ? "'" + text + "' is too large (at most " + Integer.MAX_VALUE + ")"
                : "'" + text + "' is not a whole number"));
    }

    public static boolean bool(String text) throws InvalidValueException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(lower)) {
            return true;
        }
        if (FALSE_WORDS.contains(lower)) {
            return false;
        }
        throw new InvalidValueException("'" + text + "' is not a boolean (expected true or false, yes or no, "
                + "on or off, 1 or 0)");
    }

    /** A number of bytes with an optional {@code KB}, {@code MB} or {@code GB} suffix (powers of 1024). */
    public static long byteSize(String text) throws InvalidValueException {
        String lower = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String number = lower;
        for (String[] suffix : new String[][] {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}}) {
            if (lower.endsWith(suffix[0])) {
                multiplier = Long.parseLong(suffix[1]);
                number = lower.substring(0, lower.length() - 2);
                break;
            }
        }
        Optional<Long> value = Numbers.parseLong(number);
        if (value.isEmpty() || Math.abs(value.get()) > Long.MAX_VALUE / multiplier) {
            throw new InvalidValueException("'" + text + "' is not a size in bytes (expected a number with an "
                    + "optional KB, MB or GB suffix, e.g. 50MB)");
        }
        return value.get() * multiplier;
    }

    public static int octal(String text) throws InvalidValueException {
        return Numbers.parseOctal(text).orElseThrow(() -> new InvalidValueException(
                "'" + text + "' is not an octal number (expected e.g. 022 or 0700)"));
    }

    /** A comma-separated list of exit codes, each from 0 to 255. */
    public static List<Integer> exitCodes(String text) throws InvalidValueException {
        List<Integer> codes = new ArrayList<>();
        if (text.isEmpty()) {
            return codes;
        }
        for (String part : text.split(",", -1)) {
            Optional<Integer> code = Numbers.parseInt(part);
            if (code.isEmpty() || code.get() < 0 || code.get() > 255) {
                throw new InvalidValueException("'" + text + "' is not a list of exit codes (expected numbers "
                        + "from 0 to 255 separated by commas, e.g. 0,2)");
            }
            codes.add(code.get());
        }
        return codes;
    }

    /** A comma-separated list; each item stripped; empty text is an empty list. */
    public static List<String> strings(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(",", -1)).map(String::strip).toList();
    }

    public static Autorestart autorestart(String text) throws InvalidValueException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(lower)) {
            return Autorestart.ALWAYS;
        }
        if (FALSE_WORDS.contains(lower)) {
            return Autorestart.NEVER;
        }
        if (lower.equals("unexpected")) {
            return Autorestart.UNEXPECTED;
        }
        throw new InvalidValueException("'" + text + "' is not valid for autorestart (expected true, false "
                + "or unexpected)");
    }

    public static LogLevel logLevel(String text) throws InvalidValueException {
        return LogLevel.fromConfigName(text).orElseThrow(() -> new InvalidValueException(
                "unknown log level '" + text + "' (expected one of critical, error, warn, info, debug, trace, "
                        + "blather)"));
    }

    /** A process or group name: stripped, and without a space, {@code :} or {@code /}. */
    public static String name(String text) throws InvalidValueException {
        String name = text.strip();
        for (char forbidden : new char[] {' ', ':', '/'}) {
            if (name.indexOf(forbidden) >= 0) {
                throw new InvalidValueException("invalid name '" + text + "' (names may not contain spaces, ':' "
                        + "or '/')");
            }
        }
        return name;
    }

    /** A child log file: {@code NONE}/{@code off}, {@code AUTO}, or a path whose directory exists. */
    public static LogTarget logfile(String text, HostEnvironment host) throws InvalidValueException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("none") || lower.equals("off")) {
            return new LogTarget.Disabled();
        }
        if (lower.equals("auto")) {
            return new LogTarget.Auto();
        }
        return new LogTarget.File(existingDirpath(text, host));
    }

    public static Path existingDirectory(String text, HostEnvironment host) throws InvalidValueException {
        String expanded = host.expandUser(text);
        if (!Files.isDirectory(host.workingDirectory().resolve(expanded))) {
            throw new InvalidValueException("'" + text + "' is not an existing directory");
        }
        return Path.of(expanded);
    }

    /** A file path whose directory exists (a bare file name is relative to the working directory). */
    public static Path existingDirpath(String text, HostEnvironment host) throws InvalidValueException {
        String expanded = host.expandUser(text);
        Path path = Path.of(expanded);
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(host.workingDirectory().resolve(parent))) {
            throw new InvalidValueException("the directory of '" + text + "' does not exist");
        }
        return path;
    }

    public static int port(String text) throws InvalidValueException {
        int port = Numbers.parseInt(text).orElseThrow(() -> new InvalidValueException(
                "'" + text + "' is not a port number"));
        if (port < 1 || port > 65535) {
            throw new InvalidValueException("port " + port + " is out of range (1 to 65535)");
        }
        return port;
    }

    /** {@code host:port}, {@code :port}, {@code *:port} or {@code port}; {@code *} and no host mean every interface. */
    public static HostPort inetAddress(String text) throws InvalidValueException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort("", port(text));
        }
        String host = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String port = text.substring(colon + 1);
        if (port.isEmpty()) {
            throw new InvalidValueException("no port number in '" + text + "' (expected host:port, e.g. "
                    + "127.0.0.1:9001)");
        }
        return new HostPort(host.equals("*") ? "" : host, port(port));
    }

    /** A user name or uid that exists, as supervisord's {@code name_to_uid}. */
    public static Account user(String text, HostEnvironment host) throws InvalidValueException {
        return host.accounts().user(text).orElseThrow(() -> new InvalidValueException(
                Numbers.parseInt(text).isPresent() ? "no user has uid " + text.strip() : "unknown user '" + text + "'"));
    }

    /** {@code user} or {@code user:group}, both of which must exist. */
    public static FileOwner owner(String text, HostEnvironment host) throws InvalidValueException {
        int colon = text.indexOf(':');
        Account user = user(colon < 0 ? text : text.substring(0, colon), host);
        if (colon < 0) {
            return new FileOwner(user.uid(), OptionalInt.empty());
        }
        String group = text.substring(colon + 1);
        OptionalInt gid = host.accounts().group(group);
        if (gid.isEmpty()) {
            throw new InvalidValueException("unknown group '" + group + "' in '" + text + "' (expected user or "
                    + "user:group)");
        }
        return new FileOwner(user.uid(), gid);
    }

    /** A URL with a scheme and a host or path, e.g. {@code http://localhost:9001} or {@code unix:///run/s.sock}. */
    public static String url(String text) throws InvalidValueException {
        int colon = text.indexOf(':');
        boolean schemeOk = colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        if (!schemeOk || text.length() == colon + 1) {
            throw new InvalidValueException("'" + text + "' is not a URL (expected e.g. http://localhost:9001 or "
                    + "unix:///path/to/supervisor.sock)");
        }
        return text;
    }
}
