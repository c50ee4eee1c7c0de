package io.jsupervisor.service.platform.linux;

import io.jsupervisor.service.platform.PollSet;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A {@code struct pollfd} array in native memory, grown as descriptors are added.
 *
 * <p>Owned by one thread; not thread-safe.
 */
final class LinuxPollSet implements PollSet {
    private static final int POLLFD_SIZE = 8;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final short READY = 0x1 | 0x4 | 0x8 | 0x10 | 0x20; // IN | OUT | ERR | HUP | NVAL

    private final Runtime runtime;
    private Pointer memory;
    private int capacity;
    private int size;

    LinuxPollSet(Runtime runtime) {
        this.runtime = runtime;
        grow(64);
    }

    @Override
    public int add(int fd) {
        return add(fd, POLLIN);
    }

    @Override
    public int addOutput(int fd) {
        return add(fd, POLLOUT);
    }

    private int add(int fd, short events) {
        if (size == capacity) {
            grow(capacity * 2);
        }
        long offset = (long) size * POLLFD_SIZE;
        memory.putInt(offset, fd);
        memory.putShort(offset + 4, events);
        memory.putShort(offset + 6, (short) 0);
        return size++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean ready(int index) {
        return (memory.getShort((long) index * POLLFD_SIZE + 6) & READY) != 0;
    }

    @Override
    public void clear() {
        size = 0;
    }

    Pointer memory() {
        return memory;
    }

    private void grow(int newCapacity) {
        Pointer bigger = Memory.allocateDirect(runtime, newCapacity * POLLFD_SIZE);
        if (memory != null) {
            bigger.transferFrom(0, memory, 0, (long) size * POLLFD_SIZE);
        }
        memory = bigger;
        capacity = newCapacity;
    }
}
