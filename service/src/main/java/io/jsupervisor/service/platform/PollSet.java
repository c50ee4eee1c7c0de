package io.jsupervisor.service.platform;

/**
 * A set of file descriptors to wait on for input or output, with room for the readiness {@link Platform#poll}
 * reports. Indices are stable until {@link #clear()}.
 *
 * <p>Owned and used by one thread; not thread-safe.
 */
public interface PollSet {

    /** Adds a descriptor to watch for input (and hang-up); returns its index. */
    int add(int fd);

    /** Adds a descriptor to watch for room to write (and errors); returns its index. */
    int addOutput(int fd);

    int size();

    /** Whether the descriptor at {@code index} is ready as asked, hung up or in error after the last poll. */
    boolean ready(int index);

    void clear();
}
