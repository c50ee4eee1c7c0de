package io.jsupervisor.service.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The name of a {@code [unix_http_server]} socket, given as supervisord gives it: the socket is bound
 * under a temporary name ({@code <file>.<pid>}), given its mode, then hard-linked to {@code <file>},
 * so the public name never points at a socket with the wrong permissions. A {@code <file>} already
 * there is probed: if something answers on it another server owns it and binding fails; otherwise it
 * is a stale leftover and is replaced. The owner ({@code chown}) is set last, on the public name.
 *
 * <p>Not thread-safe: used by the thread that starts and stops the servers.
 */
final class UnixSocketFile {
    /** supervisord's words when another server answers on the socket (or holds the TCP port). */
    static final String ADDRESS_IN_USE = "Another program is already listening on a port that one of our HTTP "
            + "servers is configured to use.  Shut this program down first before starting supervisord.";
    /** How long a server found at {@code <file>} has to answer before it is taken as alive but busy. */
    private static final long PROBE_SECONDS = 2;
    private static final String EPERM_TEXT = "Operation not permitted";

    private final Path file;
    private final Path temp;
    private final int mode;
    private final Optional<FileOwner> owner;
    private final SupervisorLog log;
    private boolean published;

    UnixSocketFile(Path file, int mode, Optional<FileOwner> owner, SupervisorLog log) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid());
        this.mode = mode;
        this.owner = owner;
        this.log = log;
    }

    /** Where the socket is to be bound before {@link #publish}. */
    Path temporaryName() {
        return temp;
    }

    /** Clears a leftover of an earlier daemon that had this pid, so the bind can succeed. */
    void prepare() throws IOException {
        Files.deleteIfExists(temp);
    }

    /**
     * Gives the socket bound at {@link #temporaryName()} its mode, its public name and its owner. The
     * temporary name is gone afterwards, whatever happens.
     *
     * @param scheduler bounds the wait for an answer from a socket already at the public name
     */
    void publish(Scheduler scheduler) throws IOException {
        try {
            Files.setAttribute(temp, "unix:mode", mode);
            link(scheduler);
            published = true;
            chown();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the public name if {@link #publish} gave it. */
    void remove() throws IOException {
        if (published) {
            published = false;
            Files.deleteIfExists(file);
        }
    }

    private void link(Scheduler scheduler) throws IOException {
        // As supervisord: until the link succeeds, each socket in the way is either alive (fail) or
        // stale (remove it and try again).
        while (true) {
            try {
                Files.createLink(file, temp);
                return;
            } catch (FileAlreadyExistsException taken) {
                if (answers(scheduler)) {
                    throw new HttpServerException(ADDRESS_IN_USE);
                }
                log.log(LogLevel.WARN, "Unlinking stale socket " + file);
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Whether a server is listening at the public name: it accepts a connection and a request, then
     * answers or hangs up (supervisord's test), or is too busy to answer within the probe time.
     */
    private boolean answers(Scheduler scheduler) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Closing the channel wakes the blocked connect or read, which then fails as closed.
            Scheduler.Task deadline = scheduler.schedule(() -> closeQuietly(probe), PROBE_SECONDS, TimeUnit.SECONDS);
            try {
                probe.connect(UnixDomainSocketAddress.of(file));
                probe.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                probe.read(ByteBuffer.allocate(1));
                return true;
            } finally {
                deadline.cancel();
            }
        } catch (AsynchronousCloseException busy) {
            return true;
        } catch (IOException | RuntimeException nobody) {
            return false;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the probe is over either way
        }
    }

    private void chown() throws IOException {
        if (owner.isEmpty()) {
            return;
        }
        FileOwner o = owner.get();
        try {
            Files.setAttribute(file, "unix:uid", o.uid());
            if (o.gid().isPresent()) {
                Files.setAttribute(file, "unix:gid", o.gid().getAsInt());
            }
        } catch (FileSystemException e) {
            if (!EPERM_TEXT.equals(e.getReason())) {
                throw e;
            }
            // Still ours at this point: the owner's name is the name of the user the daemon runs as.
            String self = Files.getOwner(file).getName();
            throw new HttpServerException("Not permitted to chown " + file + " to uid/gid (" + o.uid() + ", "
                    + o.gid().orElse(-1) + "); adjust \"sockchown\" value in config file or on command line to "
                    + "values that the current user (" + self + ") can successfully chown", e);
        }
    }
}
