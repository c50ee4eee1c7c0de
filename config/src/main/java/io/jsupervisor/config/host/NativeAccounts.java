package io.jsupervisor.config.host;

import java.util.Optional;
import java.util.OptionalInt;
import jnr.posix.Group;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.Passwd;

/**
 * {@link Accounts} answered by the C library's {@code getpwnam}/{@code getpwuid}/{@code getgrnam}/
 * {@code getgrgid}.
 *
 * <p>Thread-safe: each call is one C library call whose result is copied out at once. The first use
 * loads the native binding.
 */
public final class NativeAccounts implements Accounts {
    /** Loaded on first use: the binding costs more than the whole start of jsupervisorctl, which rarely needs it. */
    private static final class Binding {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }

    @Override
    public Optional<Account> user(String name) {
        Integer number = parseId(name);
        if (number != null) {
            return user(number);
        }
        synchronized (this) { // getpw* share one static buffer in glibc
            return toAccount(Binding.POSIX.getpwnam(name));
        }
    }

    @Override
    public Optional<Account> user(int uid) {
        synchronized (this) {
            return toAccount(Binding.POSIX.getpwuid(uid));
        }
    }

    @Override
    public OptionalInt group(String name) {
        Integer number = parseId(name);
        synchronized (this) {
            Group group = number != null ? Binding.POSIX.getgrgid(number) : Binding.POSIX.getgrnam(name);
            return group == null ? OptionalInt.empty() : OptionalInt.of((int) group.getGID());
        }
    }

    private static Optional<Account> toAccount(Passwd p) {
        if (p == null) {
            return Optional.empty();
        }
        return Optional.of(new Account(p.getLoginName(), (int) p.getUID(), (int) p.getGID(), p.getHome()));
    }

    private static Integer parseId(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
