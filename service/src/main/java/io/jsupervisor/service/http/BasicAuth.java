package io.jsupervisor.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import io.jsupervisor.config.model.Credentials;

/**
 * HTTP Basic authentication against one server's configured user, as supervisord checks it: the
 * password is either plain or {@code {SHA}} followed by the lowercase hex SHA-1 of the password.
 * Comparisons take the same time whatever the input, so timing tells nothing about the secret.
 *
 * <p>Immutable and thread-safe.
 */
final class BasicAuth {
    private static final String SHA_PREFIX = "{SHA}";

    /** What an {@code Authorization} header is worth. */
    enum Verdict {
        ALLOWED,
        /** Missing, not Basic, or the wrong user or password: 401. */
        DENIED,
        /** Basic, but its credentials are not base64: 400, as supervisord answers. */
        MALFORMED
    }

    private final byte[] username;
    /** The digest of the expected password, or of its SHA-1 hex when configured as {@code {SHA}}. */
    private final byte[] expected;
    private final boolean hashed;

    BasicAuth(Credentials credentials) {
        this.username = digest(credentials.username().getBytes(StandardCharsets.UTF_8));
        this.hashed = credentials.password().startsWith(SHA_PREFIX);
        String secret = hashed ? credentials.password().substring(SHA_PREFIX.length()) : credentials.password();
        this.expected = digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Judges the value of a request's {@code Authorization} header (null when it has none). */
    Verdict check(String authorization) {
        if (authorization == null) {
            return Verdict.DENIED;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return Verdict.DENIED;
        }
        byte[] decoded;
        try {
            // The MIME decoder skips characters outside the alphabet, as Python's base64 decoding does.
            decoded = Base64.getMimeDecoder().decode(authorization.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Verdict.DENIED;
        }
        byte[] password = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (hashed) {
            password = HexFormat.of().formatHex(sha1(password)).getBytes(StandardCharsets.US_ASCII);
        }
        // Both comparisons always run: which one failed must not show in the time taken.
        boolean userMatches = MessageDigest.isEqual(username,
                digest(pair.substring(0, colon).getBytes(StandardCharsets.UTF_8)));
        boolean passwordMatches = MessageDigest.isEqual(expected, digest(password));
        return userMatches & passwordMatches ? Verdict.ALLOWED : Verdict.DENIED;
    }

    /** Compared as fixed-length digests, so not even the length of the secret leaks. */
    private static byte[] digest(byte[] value) {
        return hash("SHA-256", value);
    }

    private static byte[] sha1(byte[] value) {
        return hash("SHA-1", value);
    }

    private static byte[] hash(String algorithm, byte[] value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
