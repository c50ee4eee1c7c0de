package io.jsupervisor.jmx;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import io.jsupervisor.config.model.JolokiaConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.security.CredentialCheck;
import org.jolokia.core.api.LogHandler;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;

/**
 * The Jolokia HTTP/JSON bridge of {@code [jolokia]}: Jolokia's agent in this JVM, on the JDK's own
 * HTTP server at {@code http://host:port/jolokia}, serving the platform MBean server (ours among
 * them). Basic auth checks the section's user as supervisord's HTTP servers do ({@code {SHA}}
 * passwords too); a {@code jolokia-access.xml} policy can restrict it (e.g. read-only). Its log
 * lines go to the main log.
 *
 * <p>Started and stopped on the daemon's main thread; Jolokia serves on threads of its own.
 */
final class JolokiaBridge implements AutoCloseable {
    private final JolokiaServer server;

    private JolokiaBridge(JolokiaServer server) {
        this.server = server;
    }

    static JolokiaBridge start(JolokiaConfig config, SupervisorLog log) throws IOException {
        Map<String, String> options = new HashMap<>();
        options.put("host", config.host());
        options.put("port", Integer.toString(config.port()));
        options.put("agentContext", "/jolokia");
        options.put("executor", "single");
        options.put("discoveryEnabled", "false");
        config.policyFile().ifPresent(policy -> options.put("policyLocation", policy.toUri().toString()));
        Optional<Authenticator> authenticator = config.credentials().map(credentials -> {
            CredentialCheck check = new CredentialCheck(credentials);
            return new BasicAuthenticator("jolokia") {
                @Override
                public boolean checkCredentials(String username, String password) {
                    return check.matches(username, password);
                }
            };
        });
        JolokiaServerConfig serverConfig = new JolokiaServerConfig(options) {
            @Override
            public Authenticator getAuthenticator() {
                return authenticator.orElse(null);
            }
        };
        JolokiaServer server = new JolokiaServer(serverConfig, new MainLogHandler(log));
        server.start();
        return new JolokiaBridge(server);
    }

    /** Where Jolokia answers, e.g. {@code http://127.0.0.1:8778/jolokia}. */
    String url() {
        return server.getUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Jolokia's own log lines, in the main log. */
    private record MainLogHandler(SupervisorLog log) implements LogHandler {
        @Override
        public void debug(String message) {
            log.log(LogLevel.DEBUG, "jolokia: " + message);
        }

        @Override
        public void info(String message) {
            log.log(LogLevel.INFO, "jolokia: " + message);
        }

        @Override
        public void error(String message, Throwable t) {
            log.log(LogLevel.ERROR, "jolokia: " + message + (t == null ? "" : ": " + t));
        }

        @Override
        public boolean isDebug() {
            return log.enabled(LogLevel.DEBUG);
        }
    }
}
