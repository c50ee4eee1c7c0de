package io.jsupervisor.config.model;

import java.util.OptionalInt;

/**
 * The owner to give a socket file: a uid and, optionally, a gid (absent leaves the group unchanged),
 * from a {@code user} or {@code user:group} option.
 *
 * <p>Immutable value.
 */
public record FileOwner(int uid, OptionalInt gid) {
}
