package io.jsupervisor.service.xmlrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A call as read from a request body: the method name and its parameters, already mapped to Java
 * values (see {@link XmlRpcReader}). A parameter may be {@code null} (an XML-RPC {@code <nil/>}).
 *
 * <p>Immutable at the top level: {@code params} is an unmodifiable copy.
 */
public record XmlRpcCall(String methodName, List<Object> params) {
    public XmlRpcCall {
        Objects.requireNonNull(methodName, "methodName");
        // List.copyOf would refuse the nulls that <nil/> parameters read as.
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }
}
