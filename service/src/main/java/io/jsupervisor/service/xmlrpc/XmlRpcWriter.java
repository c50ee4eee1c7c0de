package io.jsupervisor.service.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes XML-RPC bodies byte for byte as supervisord does, that is as Python 3's
 * {@code xmlrpc.client.dumps} writes them (UTF-8, with {@code allow_none} for {@code null}), so that
 * a client cannot tell the two servers apart.
 *
 * <p>Values map as {@link XmlRpcReader} reads them: {@link Integer} (and a {@link Long} within the
 * int range) to {@code <int>}, {@link Boolean}, {@link String}, {@link Double}, {@code byte[]} to
 * {@code <base64>}, {@link LocalDateTime} to {@code <dateTime.iso8601>} (whole seconds, years 0 to
 * 9999), {@link List} to {@code <array>}, {@link Map} with {@link String} keys to {@code <struct>} in
 * the map's iteration order, and {@code null} to {@code <nil/>}. Anything else, a {@link Long}
 * outside the int range, containers nested deeper than {@link XmlRpcReader#MAX_NESTING} and strings
 * with an unpaired surrogate are refused with {@link IllegalArgumentException}, as Python refuses
 * what it cannot write.
 *
 * <p>Like Python, this class escapes only {@code &}, {@code <} and {@code >}: a string with a
 * control character other than tab, newline and carriage return gives a body that no XML parser
 * accepts (supervisorctl fails on it just the same), and a carriage return reads back as a newline.
 * The one difference is a method name with {@code &}, {@code <} or {@code >}: this class escapes it,
 * where Python writes it raw and so writes broken XML.
 *
 * <p>Stateless and thread-safe.
 */
public final class XmlRpcWriter {
    private static final String HEADER = "<?xml version='1.0'?>\n";
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\n'});

    private XmlRpcWriter() {
    }

    /** A successful response carrying {@code value}. */
    public static byte[] response(Object value) {
        StringBuilder b = new StringBuilder(HEADER).append("<methodResponse>\n<params>\n<param>\n");
        value(b, value, 0);
        return utf8(b.append("</param>\n</params>\n</methodResponse>\n"));
    }

    /** A fault response: a struct of {@code faultCode} and {@code faultString}. */
    public static byte[] fault(int code, String string) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", code);
        fault.put("faultString", Objects.requireNonNull(string, "string"));
        StringBuilder b = new StringBuilder(HEADER).append("<methodResponse>\n<fault>\n");
        value(b, fault, 0);
        return utf8(b.append("</fault>\n</methodResponse>\n"));
    }

    /** A request calling {@code methodName} with {@code params}. */
    public static byte[] call(String methodName, List<?> params) {
        if (methodName.isEmpty()) {
            throw new IllegalArgumentException("empty method name");
        }
        StringBuilder b = new StringBuilder(HEADER).append("<methodCall>\n<methodName>");
        escape(b, methodName).append("</methodName>\n<params>\n");
        for (Object param : params) {
            b.append("<param>\n");
            value(b, param, 0);
            b.append("</param>\n");
        }
        return utf8(b.append("</params>\n</methodCall>\n"));
    }

    /** Appends one {@code <value>}; {@code depth} counts the arrays and structs around it. */
    private static void value(StringBuilder b, Object value, int depth) {
        if (value == null) {
            // Python writes no newline after this one.
            b.append("<value><nil/></value>");
        } else if (value instanceof Boolean bool) {
            b.append("<value><boolean>").append(bool ? '1' : '0').append("</boolean></value>\n");
        } else if (value instanceof Integer i) {
            b.append("<value><int>").append(i.intValue()).append("</int></value>\n");
        } else if (value instanceof Long l) {
            if (l.longValue() != l.intValue()) {
                throw new IllegalArgumentException("int exceeds XML-RPC limits: " + l);
            }
            b.append("<value><int>").append(l.longValue()).append("</int></value>\n");
        } else if (value instanceof String s) {
            escape(b.append("<value><string>"), s).append("</string></value>\n");
        } else if (value instanceof Double d) {
            b.append("<value><double>").append(PythonFloat.repr(d)).append("</double></value>\n");
        } else if (value instanceof byte[] bytes) {
            // Python's base64.encodebytes: lines of 76 characters, each ending in a newline.
            String encoded = BASE64.encodeToString(bytes);
            b.append("<value><base64>\n").append(encoded).append(encoded.isEmpty() ? "" : "\n")
                    .append("</base64></value>\n");
        } else if (value instanceof LocalDateTime t) {
            b.append("<value><dateTime.iso8601>").append(dateTime(t)).append("</dateTime.iso8601></value>\n");
        } else if (value instanceof List<?> list) {
            checkDepth(depth);
            b.append("<value><array><data>\n");
            for (Object element : list) {
                value(b, element, depth + 1);
            }
            b.append("</data></array></value>\n");
        } else if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            b.append("<value><struct>\n");
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("struct member name is not a String: " + member.getKey());
                }
                escape(b.append("<member>\n<name>"), name).append("</name>\n");
                value(b, member.getValue(), depth + 1);
                b.append("</member>\n");
            }
            b.append("</struct></value>\n");
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as XML-RPC");
        }
    }

    private static void checkDepth(int depth) {
        // The reader's limit, so that whatever is written can be read back (and a list that
        // contains itself fails here rather than with a StackOverflowError).
        if (depth >= XmlRpcReader.MAX_NESTING) {
            throw new IllegalArgumentException(
                    "arrays and structs nested more than " + XmlRpcReader.MAX_NESTING + " deep");
        }
    }

    private static String dateTime(LocalDateTime t) {
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("dateTime.iso8601 has four year digits: " + t);
        }
        return String.format(Locale.ROOT, "%04d%02d%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    private static StringBuilder escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b;
    }

    private static byte[] utf8(CharSequence text) {
        String string = text.toString();
        // String.getBytes would write '?' for an unpaired surrogate; refuse it as Python does. Checking
        // first keeps the fast intrinsic encoder for the common case (a 500-process answer is ~0.5 MB).
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string with an unpaired surrogate");
            }
        }
        return string.getBytes(StandardCharsets.UTF_8);
    }
}
