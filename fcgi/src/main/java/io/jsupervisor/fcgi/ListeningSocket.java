package io.jsupervisor.fcgi;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.SocketSpec;

/**
 * The open listening socket of an {@code [fcgi-program:x]} group, made from its {@link SocketSpec}.
 *
 * <p>A {@code unix://} socket replaces a socket file that an earlier run left behind (but not one a
 * server still listens on, nor a file that is not a socket), is bound, given its owner and mode, and
 * only then listens, so no client ever connects while the permissions are still the default ones.
 * A {@code tcp://} socket is IPv4, as supervisord's is: the host resolves to its first IPv4
 * address. Closing the socket removes its file, unless another socket has taken the path since.
 *
 * <p>Opened and closed by one thread (the control thread); {@link #fd()} may be read by any.
 */
public final class ListeningSocket implements AutoCloseable {
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final SocketSpec spec;
    private final SocketCalls calls;
    private final int fd;
    /** The socket file's identity (device and inode) when it is a unix socket. */
    private final Optional<Object> fileKey;
    private boolean closed;

    private ListeningSocket(SocketSpec spec, SocketCalls calls, int fd, Optional<Object> fileKey) {
        this.spec = spec;
        this.calls = calls;
        this.fd = fd;
        this.fileKey = fileKey;
    }

    /**
     * Creates, binds and listens.
     *
     * @throws IOException saying why, in Python's words where supervisord would print them
     *         ({@code [Errno 98] Address already in use})
     */
    public static ListeningSocket open(SocketSpec spec, SocketCalls calls) throws IOException {
        if (spec instanceof SocketSpec.Unix unix) {
            return openUnix(unix, calls);
        }
        SocketSpec.Tcp tcp = (SocketSpec.Tcp) spec;
        int fd = calls.bindTcp(ipv4(tcp.host()), tcp.port());
        try {
            calls.listen(fd, tcp.backlog());
        } catch (IOException e) {
            calls.close(fd);
            throw e;
        }
        return new ListeningSocket(spec, calls, fd, Optional.empty());
    }

    private static ListeningSocket openUnix(SocketSpec.Unix spec, SocketCalls calls) throws IOException {
        Path path = spec.path();
        removeStale(path);
        int fd = calls.bindUnix(path);
        Object key = null;
        try {
            key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (spec.owner().isPresent()) {
                FileOwner owner = spec.owner().get();
                calls.chown(path, owner.uid(), owner.gid().orElse(-1));
            }
            calls.chmod(path, spec.mode());
            calls.listen(fd, spec.backlog());
        } catch (IOException e) {
            calls.close(fd);
            deleteIfSame(path, key);
            throw e;
        }
        return new ListeningSocket(spec, calls, fd, Optional.of(key));
    }

    public SocketSpec spec() {
        return spec;
    }

    /** The listening descriptor, close-on-exec; a worker gets a copy of it as its fd 0. */
    public int fd() {
        return fd;
    }

    /** Stops listening: queued connections are refused; the socket file goes if it is still ours. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        calls.close(fd);
        if (spec instanceof SocketSpec.Unix unix) {
            try {
                deleteIfSame(unix.path(), fileKey.orElse(null));
            } catch (IOException e) {
                // The file stays behind; the next open of this path replaces it as a stale socket.
            }
        }
    }

    private static Inet4Address ipv4(String host) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("[Errno -2] Name or service not known: '" + host + "'");
        }
        return Arrays.stream(addresses).filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast)
                .findFirst()
                .orElseThrow(() -> new IOException("[Errno -9] Address family for hostname not supported: '" + host
                        + "' has no IPv4 address"));
    }

    /**
     * Deletes a socket file nobody listens on any more. A live socket or a file of another kind stays,
     * and the open fails: supervisord would unlink either, taking the path from under a running server.
     */
    private static void removeStale(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException absentOrUnreachable) {
            // Nothing there, or no way to look (a parent is not a directory, no search permission):
            // bind fails then if it must, and says why in errno words rather than the JDK's.
            return;
        }
        if ((mode & FILE_TYPE_MASK) != SOCKET_TYPE) {
            throw new IOException(path + " exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException nobodyListens) {
            Files.deleteIfExists(path);
            return;
        }
        throw new IOException("[Errno 98] Address already in use: a server listens on " + path);
    }

    private static void deleteIfSame(Path path, Object key) throws IOException {
        if (key == null) {
            return;
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(now, key)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // already removed
        }
    }
}
