package io.jsupervisor.service.xmlrpc;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XML-RPC scalar types read from the text of their element. Numbers and dates may have
 * whitespace around them and base64 anywhere, as Python's reader allows; a boolean is exactly
 * {@code 0} or {@code 1}; a string is taken as it is. Digits are ASCII only (Java's own number
 * parsers would take other scripts' digits too).
 *
 * <p>Stateless and thread-safe.
 */
final class Scalars {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    // Python writes inf, -inf and nan; its float() reads these words in any case.
    private static final Pattern NON_FINITE = Pattern.compile("([+-]?)(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_TIME =
            Pattern.compile("([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})");

    private Scalars() {
    }

    /**
     * Reads the element {@code <type>} the cursor is at: an Integer, Long (an {@code i8} beyond the
     * int range), Boolean, String, Double, LocalDateTime, byte[] or, for {@code nil}, null.
     */
    static Object read(String type, XmlCursor in) throws XmlRpcFormatException {
        return switch (type) {
            case "int", "i4" -> int32(type, in.text(), in);
            case "i8" -> int64(in.text(), in);
            case "boolean" -> bool(in.text(), in);
            case "string" -> in.text();
            case "double" -> decimal(in.text().strip(), in);
            case "dateTime.iso8601" -> dateTime(in.text().strip(), in);
            case "base64" -> base64(in.text(), in);
            case "nil" -> nil(in.text(), in);
            default -> throw in.error("unknown value type <" + type + ">");
        };
    }

    private static Integer int32(String type, String text, XmlCursor at) throws XmlRpcFormatException {
        long value = integer(type, text, at);
        if (value != (int) value) {
            throw at.error("<" + type + "> out of range: " + XmlCursor.excerpt(text));
        }
        return (int) value;
    }

    private static Object int64(String text, XmlCursor at) throws XmlRpcFormatException {
        long value = integer("i8", text, at);
        if (value == (int) value) {
            return (int) value;
        }
        return value;
    }

    private static Boolean bool(String text, XmlCursor at) throws XmlRpcFormatException {
        if (text.equals("0") || text.equals("1")) {
            return text.equals("1");
        }
        throw at.error("bad <boolean> " + XmlCursor.excerpt(text) + " (must be 0 or 1)");
    }

    private static byte[] base64(String text, XmlCursor at) throws XmlRpcFormatException {
        try {
            return Base64.getDecoder().decode(text.replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw at.error("bad <base64>: " + e.getMessage());
        }
    }

    private static Object nil(String text, XmlCursor at) throws XmlRpcFormatException {
        if (!XmlCursor.isBlank(text)) {
            throw at.error("<nil/> with content " + XmlCursor.excerpt(text));
        }
        return null;
    }

    private static long integer(String type, String text, XmlCursor at) throws XmlRpcFormatException {
        String digits = text.strip();
        if (!INTEGER.matcher(digits).matches()) {
            throw at.error("bad <" + type + "> " + XmlCursor.excerpt(text));
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw at.error("<" + type + "> out of range: " + XmlCursor.excerpt(text));
        }
    }

    private static Double decimal(String text, XmlCursor at) throws XmlRpcFormatException {
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        Matcher m = NON_FINITE.matcher(text);
        if (!m.matches()) {
            throw at.error("bad <double> " + XmlCursor.excerpt(text));
        }
        if (m.group(2).equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        return m.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static LocalDateTime dateTime(String text, XmlCursor at) throws XmlRpcFormatException {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw at.error("bad <dateTime.iso8601> " + XmlCursor.excerpt(text) + " (must be yyyyMMddTHH:mm:ss)");
        }
        try {
            return LocalDateTime.of(field(m, 1), field(m, 2), field(m, 3), field(m, 4), field(m, 5), field(m, 6));
        } catch (DateTimeException e) {
            throw at.error("bad <dateTime.iso8601> " + XmlCursor.excerpt(text) + ": " + e.getMessage());
        }
    }

    private static int field(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
