package io.jsupervisor.fcgi;

import java.net.Inet4Address;
import java.nio.file.Path;

/**
 * The system calls a listening socket needs: create and bind, owner and mode of a socket file,
 * listen, close. The service module's
 * platform layer provides them; every descriptor they return is close-on-exec, so that only the
 * workers it is handed to (as a {@code dup2} copy) ever hold it.
 *
 * <p>Implementations are thread-safe: each call is one self-contained system call.
 */
public interface SocketCalls {

    /** A new IPv4 TCP socket with {@code SO_REUSEADDR}, bound to {@code address:port}, not yet listening. */
    int bindTcp(Inet4Address address, int port) throws SocketCallException;

    /** A new Unix-domain stream socket bound to {@code path}, which must not exist, not yet listening. */
    int bindUnix(Path path) throws SocketCallException;

    /** Sets the permission bits of the socket file at {@code path} (the JDK's file API cannot, for a socket). */
    void chmod(Path path, int mode) throws SocketCallException;

    /** Gives the socket file at {@code path} to {@code uid} and {@code gid}; -1 leaves either unchanged. */
    void chown(Path path, int uid, int gid) throws SocketCallException;

    void listen(int fd, int backlog) throws SocketCallException;

    void close(int fd);
}
