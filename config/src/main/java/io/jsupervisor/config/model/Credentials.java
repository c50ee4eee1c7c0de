package io.jsupervisor.config.model;

/**
 * A user name and a password (plain, or {@code {SHA}} followed by the hex SHA-1 of the password, as
 * supervisord accepts). {@link #toString()} never shows the password.
 *
 * <p>Immutable value.
 */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=(hidden)]";
    }
}
