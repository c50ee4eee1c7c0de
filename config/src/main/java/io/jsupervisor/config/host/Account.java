package io.jsupervisor.config.host;

/**
 * A user account as the system's user database reports it.
 *
 * <p>Immutable value.
 */
public record Account(String name, int uid, int gid, String home) {
}
