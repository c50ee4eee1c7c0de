package io.jsupervisor.config.syntax;

import java.util.Locale;

/**
 * Python's {@code repr()} of a string, which supervisord's messages use to quote values
 * ({@code can't find command 'gunicorn'}).
 *
 * <p>Stateless and thread-safe.
 */
public final class PythonText {
    private PythonText() {
    }

    /** Python's {@code repr()} of a {@code bytes} value, e.g. {@code b'\\x88\\n'}. */
    public static String bytesRepr(byte[] bytes) {
        int[] units = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            units[i] = bytes[i] & 0xff;
        }
        return "b" + quoted(units, true);
    }

    public static String repr(String s) {
        return quoted(s.chars().toArray(), false);
    }

    /**
     * Quotes as Python does: single quotes unless the text has one and no double quote; backslash,
     * the quote, tab, newline and carriage return escaped; other control characters (and, for bytes,
     * everything outside printable ASCII) as {@code \xNN}.
     */
    private static String quoted(int[] units, boolean bytes) {
        boolean single = false;
        boolean dbl = false;
        for (int c : units) {
            single |= c == '\'';
            dbl |= c == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (int c : units) {
            if (c == quote || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c == 0x7f || (bytes && c > 0x7f)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.append(quote).toString();
    }
}
