package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.List;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * Calls XML-RPC methods of supervisord and returns their results, as the XML-RPC codec maps values,
 * until closed.
 *
 * <p>Implementations say their own threading contract.
 */
interface Rpc extends AutoCloseable {
    Object call(String method, List<?> params) throws IOException, XmlRpcFault;

    /** Ends the connection, if any; a later call may open another. */
    @Override
    void close();
}
