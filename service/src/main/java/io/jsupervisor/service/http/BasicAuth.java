package io.jsupervisor.service.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.service.security.CredentialCheck;

/**
 * HTTP Basic authentication against one server's configured user, as supervisord checks it (see
 * {@link CredentialCheck}).
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

    private final CredentialCheck credentials;

    BasicAuth(Credentials credentials) {
        this.credentials = new CredentialCheck(credentials);
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
        return credentials.matches(pair.substring(0, colon), pair.substring(colon + 1)) ? Verdict.ALLOWED
                : Verdict.DENIED;
    }
}
