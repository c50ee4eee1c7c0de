package io.jsupervisor.jmx;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.config.model.JmxConfig;
import io.jsupervisor.service.security.CredentialCheck;

/**
 * The remote JMX connector of {@code [jmx]}: RMI registry and connector on the one configured port
 * (so a single firewall rule admits it), listening only on the configured host (loopback by
 * default), with password authentication (the section's user, or a JMX password file) and, with
 * {@code read_only}, clients that may read but not change anything.
 *
 * <p>Started and closed on the daemon's main thread.
 */
final class RemoteConnector implements AutoCloseable {
    /** What a read-only client may not call on the MBean server. */
    private static final Set<String> WRITES = Set.of("invoke", "setAttribute", "setAttributes", "createMBean",
            "registerMBean", "unregisterMBean", "instantiate", "deserialize");

    /**
     * The registries made so far, by {@code host:port}, each with the socket factory it listens
     * through. A registry lives as long as the JVM: RMI cannot create a second one on a port whose
     * first was unexported, so a restart (SIGHUP) binds its new connector into the same registry.
     */
    private static final Map<String, Endpoint> ENDPOINTS = new HashMap<>();

    private record Endpoint(RMIServerSocketFactory sockets, Registry registry) {
    }

    private final JMXConnectorServer server;

    private RemoteConnector(JMXConnectorServer server) {
        this.server = server;
    }

    /** The URL clients connect to, as JConsole's "Remote Process" field takes it. */
    static JMXServiceURL url(JmxConfig config) throws IOException {
        String hostPort = config.host() + ":" + config.port();
        return new JMXServiceURL("service:jmx:rmi://" + hostPort + "/jndi/rmi://" + hostPort + "/jmxrmi");
    }

    static RemoteConnector start(JmxConfig config, MBeanServer mbeans) throws IOException {
        Endpoint endpoint = endpoint(config);
        Map<String, Object> env = new HashMap<>();
        // The connector is exported through the registry's own socket factory: both share one port.
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, endpoint.sockets());
        authenticator(config).ifPresent(a -> env.put(JMXConnectorServer.AUTHENTICATOR, a));
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url(config), env, mbeans);
        if (config.readOnly()) {
            server.setMBeanServerForwarder(readOnly());
        }
        server.start();
        return new RemoteConnector(server);
    }

    private static synchronized Endpoint endpoint(JmxConfig config) throws IOException {
        String key = config.host() + ":" + config.port();
        Endpoint endpoint = ENDPOINTS.get(key);
        if (endpoint == null) {
            InetAddress address = InetAddress.getByName(config.host());
            RMIServerSocketFactory sockets = new LocalSockets(address);
            // Stubs handed to clients name this host; without it RMI picks an address of its own.
            System.setProperty("java.rmi.server.hostname", config.host());
            endpoint = new Endpoint(sockets, LocateRegistry.createRegistry(config.port(), null, sockets));
            ENDPOINTS.put(key, endpoint);
        }
        return endpoint;
    }

    /** Server sockets on one address only; equal when the address is, so RMI shares their port. */
    private record LocalSockets(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }

    private static Optional<JMXAuthenticator> authenticator(JmxConfig config) throws IOException {
        Optional<Map<String, CredentialCheck>> users = config.credentials()
                .map(c -> Map.of(c.username(), new CredentialCheck(c)));
        if (config.passwordFile().isPresent()) {
            users = Optional.of(passwordFile(config.passwordFile().get()));
        }
        return users.map(known -> credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null) {
                CredentialCheck check = known.get(pair[0]);
                if (check != null && check.matches(pair[0], pair[1])) {
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                }
            }
            throw new SecurityException("Authentication failed! Invalid username or password");
        });
    }

    /** A JMX password file: one {@code user password} pair per line, {@code #} comments. */
    private static Map<String, CredentialCheck> passwordFile(Path file) throws IOException {
        Map<String, CredentialCheck> users = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+", 2);
            if (fields.length == 2) {
                users.put(fields[0], new CredentialCheck(new Credentials(fields[0], fields[1])));
            }
        }
        return users;
    }

    /** Passes every call to the MBean server on, except those that change something. */
    private static MBeanServerForwarder readOnly() {
        MBeanServer[] target = new MBeanServer[1];
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getMBeanServer":
                    return target[0];
                case "setMBeanServer":
                    target[0] = (MBeanServer) args[0];
                    return null;
                default:
                    if (WRITES.contains(method.getName())) {
                        throw new SecurityException("read-only access: " + method.getName() + " is not allowed");
                    }
                    try {
                        return method.invoke(target[0], args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, handler);
    }

    /** Stops the connector (its name leaves the registry, which stays for the next run). */
    @Override
    public void close() throws IOException {
        server.stop();
    }
}
