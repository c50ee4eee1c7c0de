package io.jsupervisor.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import io.jsupervisor.config.model.Credentials;

/**
 * Checks a user name and password against the configured ones, as supervisord checks them: the
 * configured password is either plain or {@code {SHA}} followed by the lowercase hex SHA-1 of the
 * password. Comparisons take the same time whatever the input, so timing tells nothing about the
 * secret. Used by every surface that asks for a password (HTTP, JMX, Jolokia).
 *
 * <p>Immutable and thread-safe.
 */
public final class CredentialCheck {
    private static final String SHA_PREFIX = "{SHA}";

    private final byte[] username;
    /** The digest of the expected password, or of its SHA-1 hex when configured as {@code {SHA}}. */
    private final byte[] expected;
    private final boolean hashed;

    public CredentialCheck(Credentials credentials) {
        this.username = digest(credentials.username().getBytes(StandardCharsets.UTF_8));
        this.hashed = credentials.password().startsWith(SHA_PREFIX);
        String secret = hashed ? credentials.password().substring(SHA_PREFIX.length()) : credentials.password();
        this.expected = digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code username} and {@code password} are the configured ones. */
    public boolean matches(String username, String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        if (hashed) {
            given = HexFormat.of().formatHex(hash("SHA-1", given)).getBytes(StandardCharsets.US_ASCII);
        }
        // Both comparisons always run: which one failed must not show in the time taken.
        boolean userMatches = MessageDigest.isEqual(this.username, digest(username.getBytes(StandardCharsets.UTF_8)));
        boolean passwordMatches = MessageDigest.isEqual(expected, digest(given));
        return userMatches & passwordMatches;
    }

    /** Compared as fixed-length digests, so not even the length of the secret leaks. */
    private static byte[] digest(byte[] value) {
        return hash("SHA-256", value);
    }

    private static byte[] hash(String algorithm, byte[] value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
