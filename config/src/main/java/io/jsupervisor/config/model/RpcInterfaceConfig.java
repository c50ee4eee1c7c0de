package io.jsupervisor.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code [rpcinterface:x]} section: the XML-RPC namespace {@code name}, the factory supervisord
 * would import for it, and the section's other options.
 *
 * <p>Immutable value.
 */
public record RpcInterfaceConfig(String name, String factory, Map<String, String> extras) {

    /** The factory of supervisord's standard {@code supervisor} namespace, the one jsupervisor serves. */
    public static final String MAIN_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";

    public RpcInterfaceConfig {
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
