package io.jsupervisor.service.xmlrpc;

import java.util.Objects;

/**
 * An XML-RPC fault: a numeric code and a text, such as supervisord's {@code 10} and
 * {@code BAD_NAME: foo}. {@link XmlRpcReader#readResponse} throws it for a fault response; the
 * server can throw it from a method and write it with {@link XmlRpcWriter#fault}.
 *
 * <p>Immutable and thread-safe.
 */
public final class XmlRpcFault extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String string;

    public XmlRpcFault(int code, String string) {
        // The same text as Python's repr of a Fault, so log lines read the same.
        super("Fault " + code + ": " + Objects.requireNonNull(string, "string"));
        this.code = code;
        this.string = string;
    }

    /** The {@code faultCode}. */
    public int code() {
        return code;
    }

    /** The {@code faultString}. */
    public String string() {
        return string;
    }
}
