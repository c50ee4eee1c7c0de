package io.jsupervisor.service.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads XML-RPC bodies: calls (in the daemon) and responses and faults (in the client).
 *
 * <p>Values map as: {@code <int>} and {@code <i4>} to {@link Integer}; {@code <i8>} to Integer,
 * or {@link Long} beyond the int range; {@code <boolean>} to {@link Boolean}; {@code <string>}, and a
 * {@code <value>} with text and no type element, to {@link String}; {@code <double>} to
 * {@link Double} ({@code inf} and {@code nan} too, which Python writes); {@code <dateTime.iso8601>}
 * ({@code yyyyMMddTHH:mm:ss}) to {@link java.time.LocalDateTime}; {@code <base64>} to
 * {@code byte[]}; {@code <array>} to a {@link List}; {@code <struct>} to a {@link LinkedHashMap} in
 * document order (a repeated name keeps its first place and its last value, as in Python);
 * {@code <nil/>} to {@code null}. A call without {@code <params>} has no parameters.
 *
 * <p>Anything else is refused with an {@link XmlRpcFormatException} saying what and on which line:
 * malformed XML, any DOCTYPE (so that no entity is ever expanded, nor anything fetched), other
 * elements or stray text, unknown value types, values that do not parse, and arrays and structs
 * nested more than {@link #MAX_NESTING} deep (so a hostile body cannot exhaust the stack). The
 * body's size is the caller's to limit: it is read whole before parsing.
 *
 * <p>Stateless and thread-safe.
 */
public final class XmlRpcReader {
    /** How deep arrays and structs may nest, in what is read and in what is written. */
    public static final int MAX_NESTING = 64;

    private XmlRpcReader() {
    }

    /**
     * Reads a {@code <methodCall>}.
     *
     * @throws UncheckedIOException if {@code body} cannot be read
     */
    public static XmlRpcCall readCall(InputStream body) throws XmlRpcFormatException {
        try (XmlCursor in = XmlCursor.over(readAll(body))) {
            in.start("methodCall");
            in.start("methodName");
            String methodName = in.text();
            if (methodName.isEmpty()) {
                throw in.error("empty <methodName>");
            }
            List<Object> params = new ArrayList<>();
            if (in.startOrEnd("params")) {
                while (in.startOrEnd("param")) {
                    params.add(param(in));
                }
                in.end();
            }
            in.finish();
            return new XmlRpcCall(methodName, params);
        }
    }

    /**
     * Reads a {@code <methodResponse>}: the value of its one parameter.
     *
     * @throws XmlRpcFault if it is a fault response
     * @throws UncheckedIOException if {@code body} cannot be read
     */
    public static Object readResponse(InputStream body) throws XmlRpcFault, XmlRpcFormatException {
        try (XmlCursor in = XmlCursor.over(readAll(body))) {
            in.start("methodResponse");
            if (!in.nextTagIsStart()) {
                throw in.error("empty <methodResponse>");
            }
            Object result = null;
            XmlRpcFault fault = null;
            if (in.name().equals("params")) {
                in.start("param");
                result = param(in);
                if (in.nextTagIsStart()) {
                    throw in.error("more than one <param> in a response");
                }
            } else if (in.name().equals("fault")) {
                in.start("value");
                fault = fault(value(in, 0), in);
                in.end();
            } else {
                throw in.error("expected <params> or <fault>, found " + in.tag());
            }
            in.end();
            in.finish();
            if (fault != null) {
                throw fault;
            }
            return result;
        }
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the one value of the {@code <param>} the cursor is at, up to its end. */
    private static Object param(XmlCursor in) throws XmlRpcFormatException {
        in.start("value");
        Object value = value(in, 0);
        in.end();
        return value;
    }

    /**
     * Reads the {@code <value>} the cursor is at, up to its end; {@code depth} counts the arrays and
     * structs around it.
     */
    private static Object value(XmlCursor in, int depth) throws XmlRpcFormatException {
        String text = in.textUntilTag();
        if (!in.atStart()) {
            return text;
        }
        if (!XmlCursor.isBlank(text)) {
            throw in.error("text " + XmlCursor.excerpt(text) + " before " + in.tag() + " in <value>");
        }
        String type = in.name();
        Object value;
        if (type.equals("array") || type.equals("struct")) {
            if (depth >= MAX_NESTING) {
                throw in.error("arrays and structs nested more than " + MAX_NESTING + " deep");
            }
            value = type.equals("array") ? array(in, depth + 1) : struct(in, depth + 1);
        } else {
            value = Scalars.read(type, in);
        }
        in.end();
        return value;
    }

    private static List<Object> array(XmlCursor in, int depth) throws XmlRpcFormatException {
        List<Object> array = new ArrayList<>();
        in.start("data");
        while (in.startOrEnd("value")) {
            array.add(value(in, depth));
        }
        in.end();
        return array;
    }

    private static Map<String, Object> struct(XmlCursor in, int depth) throws XmlRpcFormatException {
        Map<String, Object> struct = new LinkedHashMap<>();
        while (in.startOrEnd("member")) {
            if (!in.nextTagIsStart() || !in.name().equals("name")) {
                throw in.error("<member> without <name> (found " + in.tag() + ")");
            }
            String name = in.text();
            in.start("value");
            struct.put(name, value(in, depth));
            in.end();
        }
        return struct;
    }

    private static XmlRpcFault fault(Object value, XmlCursor in) throws XmlRpcFormatException {
        if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Integer code
                && struct.get("faultString") instanceof String string) {
            return new XmlRpcFault(code, string);
        }
        throw in.error("a <fault> must be a struct with an int faultCode and a string faultString");
    }
}
