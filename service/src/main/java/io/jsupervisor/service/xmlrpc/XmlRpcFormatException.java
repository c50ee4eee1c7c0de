package io.jsupervisor.service.xmlrpc;

/**
 * A body that is not well-formed XML-RPC: malformed XML, a DTD, an unexpected element, no method
 * name, a value of an unknown type or one that does not parse. The message says which, for the log.
 *
 * <p>Immutable and thread-safe.
 */
public final class XmlRpcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public XmlRpcFormatException(String message) {
        super(message);
    }

    XmlRpcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
