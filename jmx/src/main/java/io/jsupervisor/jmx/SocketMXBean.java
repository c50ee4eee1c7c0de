package io.jsupervisor.jmx;

/**
 * The listening socket of an {@code [fcgi-program:x]} group ({@code jsupervisor:type=Socket,group=<group>}).
 */
public interface SocketMXBean {
    /** {@code tcp://host:port} or {@code unix:///path}. */
    String getAddress();

    int getBacklog();

    /** The owner given to a unix socket's file as {@code uid} or {@code uid:gid}; empty when unchanged or tcp. */
    String getOwner();

    /** The mode of a unix socket's file, in octal ({@code 0700}); empty for tcp. */
    String getMode();

    /** How workers get it: {@code stdin} (fd 0) or {@code systemd} (fd 3 and LISTEN_FDS). */
    String getHandoff();

    /** Whether the socket is open now. */
    boolean isOpen();
}
