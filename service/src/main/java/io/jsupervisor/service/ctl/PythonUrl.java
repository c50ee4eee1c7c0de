package io.jsupervisor.service.ctl;

import java.util.Locale;
import java.util.OptionalInt;
import io.jsupervisor.config.syntax.PythonText;

/**
 * A URL split the way Python's {@code urllib.parse.urlsplit} splits it, as far as supervisorctl
 * looks: the scheme, the network location, the path, and the host name and port within the network
 * location. supervisorctl decides with these whether {@code -s} and {@code open} got a URL, and
 * where an {@code http://} server is.
 *
 * <p>Immutable value.
 */
record PythonUrl(String scheme, String netloc, String path) {
    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

    static PythonUrl split(String url) {
        String rest = url.stripLeading().replace("\t", "").replace("\r", "").replace("\n", "");
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && isAsciiLetter(rest.charAt(0)) && onlySchemeChars(rest.substring(0, colon))) {
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = rest.length();
            for (char delimiter : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(delimiter, 2);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
        }
        int cut = rest.length();
        for (char delimiter : new char[] {'#', '?'}) {
            int at = rest.indexOf(delimiter);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return new PythonUrl(scheme, netloc, rest.substring(0, cut));
    }

    /** Whether supervisorctl's {@code url} check accepts it: a scheme and a location or a path. */
    boolean isUrl() {
        return !scheme.isEmpty() && !(netloc.isEmpty() && path.isEmpty());
    }

    /** The host name, lower-cased and without IPv6 brackets; null when the location has none. */
    String hostname() {
        String host = hostAndPort()[0];
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    /**
     * The port, if the location gives one.
     *
     * @throws IllegalArgumentException with Python's message when it is not a number from 0 to 65535
     */
    OptionalInt port() {
        String port = hostAndPort()[1];
        if (port.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Port could not be cast to integer value as " + PythonText.repr(port));
        }
        int value = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
        if (value > 65535) {
            throw new IllegalArgumentException("Port out of range 0-65535");
        }
        return OptionalInt.of(value);
    }

    /** The host and port texts of the location, as Python partitions them (after any {@code user@}). */
    private String[] hostAndPort() {
        String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
        int open = hostinfo.indexOf('[');
        if (open >= 0) {
            String[] bracketed = partition(hostinfo.substring(open + 1), ']');
            return new String[] {bracketed[0], partition(bracketed[1], ':')[1]};
        }
        return partition(hostinfo, ':');
    }

    private static String[] partition(String text, char separator) {
        int at = text.indexOf(separator);
        return at < 0 ? new String[] {text, ""} : new String[] {text.substring(0, at), text.substring(at + 1)};
    }

    private static boolean isAsciiLetter(char c) {
        return c < 128 && Character.isLetter(c);
    }

    private static boolean onlySchemeChars(String text) {
        return text.chars().allMatch(c -> SCHEME_CHARS.indexOf(c) >= 0);
    }
}
