package io.jsupervisor.config.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code [jolokia]} section (jsupervisor's own): the address of the Jolokia HTTP/JSON bridge,
 * its Basic-auth user and an optional {@code jolokia-access.xml} policy file.
 *
 * <p>Immutable value; {@link Credentials} hides the password when printed.
 */
public record JolokiaConfig(String host, int port, Optional<Credentials> credentials, Optional<Path> policyFile) {
}
