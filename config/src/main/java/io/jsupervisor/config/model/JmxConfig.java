package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code [jmx]} section (jsupervisor's own): the remote JMX connector's address, who may log in
 * (one user and password, or a JMX password file) and whether remote clients may only read.
 *
 * <p>Immutable value; {@link Credentials} hides the password when printed.
 */
public record JmxConfig(String host, int port, Optional<Credentials> credentials, Optional<Path> passwordFile,
                        boolean readOnly) {
}
