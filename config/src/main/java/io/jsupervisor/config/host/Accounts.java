package io.jsupervisor.config.host;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Look-ups in the system's user and group databases (through NSS, so LDAP and similar sources count).
 *
 * <p>Implementations are thread-safe.
 */
public interface Accounts {

    /** The account named {@code name}, or with numeric uid {@code name}, as supervisord's {@code name_to_uid} accepts. */
    Optional<Account> user(String name);

    /** The account with this uid. */
    Optional<Account> user(int uid);

    /** The gid of the group named {@code name}, or {@code name} itself when it is the number of an existing group. */
    OptionalInt group(String name);
}
