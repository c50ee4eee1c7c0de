package io.jsupervisor.service.rpc;

/**
 * A method call that failed with one of supervisord's faults. The fault string is the fault's name,
 * followed by {@code ": "} and a detail when there is one, e.g. {@code BAD_NAME: web:web_03}.
 */
public final class RpcError extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Fault fault;

    public RpcError(Fault fault) {
        super(fault.name(), null, false, false);
        this.fault = fault;
    }

    public RpcError(Fault fault, String detail) {
        super(fault.name() + ": " + detail, null, false, false);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    public int code() {
        return fault.code();
    }

    /** The fault string. */
    public String text() {
        return getMessage();
    }
}
