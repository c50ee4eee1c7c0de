package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.jsupervisor.config.ConfigProblem;

/**
 * A whole configuration as loaded from a file and the files it includes: validated, typed and
 * immutable. Groups are in start order (priority, then name).
 *
 * <p>Immutable value; safe to hand from the thread that loaded it to the control thread.
 */
public record Configuration(
        Path file,
        SupervisordConfig supervisord,
        List<GroupConfig> groups,
        List<HttpServerConfig> httpServers,
        Optional<SupervisorctlConfig> supervisorctl,
        List<RpcInterfaceConfig> rpcInterfaces,
        Optional<JmxConfig> jmx,
        Optional<JolokiaConfig> jolokia,
        List<Path> includedFiles,
        List<ConfigProblem> warnings) {

    public Configuration {
        groups = List.copyOf(groups);
        httpServers = List.copyOf(httpServers);
        rpcInterfaces = List.copyOf(rpcInterfaces);
        includedFiles = List.copyOf(includedFiles);
        warnings = List.copyOf(warnings);
    }

    /**
     * The URL programs get as {@code SUPERVISOR_SERVER_URL} when they set no {@code serverurl}:
     * the first unix HTTP server, else the first inet one ({@code localhost} for all interfaces),
     * as supervisord picks it.
     */
    public Optional<String> serverUrl() {
        for (HttpServerConfig server : httpServers) {
            if (server instanceof HttpServerConfig.Unix unix) {
                return Optional.of("unix://" + unix.file());
            }
        }
        for (HttpServerConfig server : httpServers) {
            if (server instanceof HttpServerConfig.Inet inet) {
                return Optional.of("http://" + (inet.host().isEmpty() ? "localhost" : inet.host()) + ":" + inet.port());
            }
        }
        return Optional.empty();
    }
}
