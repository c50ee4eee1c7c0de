package io.jsupervisor.service.ctl;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * Names an error the way supervisorctl's Python names the one it would have met in the same place,
 * so that its {@code error: <class '...'>, ...} lines read the same: a fault is an
 * {@code xmlrpc.client.Fault}, a refused connection a {@code ConnectionRefusedError}, and so on. The
 * place ({@code file: ... line: ...}) is where the Java error was raised.
 *
 * <p>Stateless and thread-safe.
 */
final class PythonErrors {
    private PythonErrors() {
    }

    /** The class as Python prints it, e.g. {@code <class 'ConnectionRefusedError'>}. */
    static String type(Throwable e) {
        return "<class '" + className(e) + "'>";
    }

    /** The text Python's {@code str()} gives the error, e.g. {@code [Errno 111] Connection refused}. */
    static String text(Throwable e) {
        if (e instanceof XmlRpcFault) {
            return repr((XmlRpcFault) e);
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return "[Errno -2] Name or service not known";
        }
        if (e instanceof EOFException) {
            return "Remote end closed connection without response";
        }
        if (e instanceof IOException) {
            var os = OsError.of((IOException) e);
            if (os.isPresent()) {
                return os.get().pythonText();
            }
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    /** Python's {@code repr()} of a fault, e.g. {@code <Fault 10: 'BAD_NAME: foo'>}. */
    static String repr(XmlRpcFault fault) {
        return "<Fault " + fault.code() + ": " + PythonText.repr(fault.string()) + ">";
    }

    /** supervisorctl's line for an error no command handles. */
    static String errorLine(Throwable e) {
        String place = "file: None line: None";
        for (StackTraceElement frame : e.getStackTrace()) {
            // a native method has no line; the Java code that called it does
            if (frame.getFileName() != null && frame.getLineNumber() >= 0) {
                place = "file: " + frame.getFileName() + " line: " + frame.getLineNumber();
                break;
            }
        }
        return "error: " + type(e) + ", " + text(e) + ": " + place;
    }

    private static String className(Throwable e) {
        if (e instanceof XmlRpcFault) {
            return "xmlrpc.client.Fault";
        }
        if (e instanceof HttpStatusException) {
            return "xmlrpc.client.ProtocolError";
        }
        if (e instanceof MalformedResponseException) {
            return "xml.parsers.expat.ExpatError";
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return "socket.gaierror";
        }
        if (e instanceof EOFException) {
            return "http.client.RemoteDisconnected";
        }
        if (e instanceof EndOfInputException) {
            return "EOFError";
        }
        if (e instanceof IOException) {
            var os = OsError.of((IOException) e);
            if (os.isPresent()) {
                return os.get().pythonClass();
            }
            return "OSError";
        }
        if (e instanceof IllegalArgumentException) {
            return "ValueError";
        }
        return e.getClass().getName();
    }
}
