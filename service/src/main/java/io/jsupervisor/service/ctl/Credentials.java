package io.jsupervisor.service.ctl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The username and password sent to supervisord, either of which may be missing; {@link #toString()}
 * never shows the password.
 *
 * <p>Immutable value.
 */
record Credentials(Optional<String> username, Optional<String> password) {

    static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

    /** The {@code Authorization} header, sent only when both are set, as supervisorctl does. */
    Optional<String> authorization() {
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        byte[] pair = (username.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username.orElse("") + ", password=" + (password.isPresent() ? "(hidden)" : "")
                + "]";
    }
}
