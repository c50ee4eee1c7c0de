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
        boolean single = false;
        boolean dbl = false;
        for (byte b : bytes) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder out = new StringBuilder("b").append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            if (c == quote || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }
}
