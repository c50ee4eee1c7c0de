package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.List;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * Calls one XML-RPC method of supervisord and returns its result, as the XML-RPC codec maps values.
 *
 * <p>Implementations say their own threading contract.
 */
interface Rpc {
    Object call(String method, List<?> params) throws IOException, XmlRpcFault;
}
