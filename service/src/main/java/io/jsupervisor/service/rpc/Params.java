package io.jsupervisor.service.rpc;

import java.util.List;

/**
 * The parameters of one call, read by position with Python's leniency where supervisord has it
 * ({@code int(offset)} takes a numeric string). A missing, surplus or mistyped parameter is
 * INCORRECT_PARAMETERS, as the {@code TypeError} it causes in supervisord becomes.
 *
 * <p>Immutable; used by one thread.
 */
public final class Params {
    private final List<Object> values;

    public Params(List<Object> values) {
        this.values = List.copyOf(values.stream().map(v -> v == null ? NULL : v).toList());
    }

    private static final Object NULL = new Object();

    /** Requires between {@code min} and {@code max} parameters. */
    public Params expect(int min, int max) throws RpcError {
        if (values.size() < min || values.size() > max) {
            throw new RpcError(Fault.INCORRECT_PARAMETERS);
        }
        return this;
    }

    public int size() {
        return values.size();
    }

    public Object raw(int index) {
        Object value = values.get(index);
        return value == NULL ? null : value;
    }

    public String string(int index) throws RpcError {
        if (raw(index) instanceof String text) {
            return text;
        }
        throw new RpcError(Fault.INCORRECT_PARAMETERS);
    }

    /** An integer, also from a string of digits as Python's {@code int()} reads it. */
    public int integer(int index) throws RpcError {
        Object value = raw(index);
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new RpcError(Fault.INCORRECT_PARAMETERS);
            }
        }
        throw new RpcError(Fault.INCORRECT_PARAMETERS);
    }

    /** A flag judged as Python judges truth; {@code fallback} when the parameter was not given. */
    public boolean flag(int index, boolean fallback) {
        if (index >= values.size()) {
            return fallback;
        }
        Object value = raw(index);
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        return value != null;
    }
}
