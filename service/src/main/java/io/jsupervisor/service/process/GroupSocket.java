package io.jsupervisor.service.process;

import java.io.IOException;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.SocketSpec;
import io.jsupervisor.fcgi.ListeningSocket;
import io.jsupervisor.fcgi.SocketCalls;

/**
 * The listening socket of one {@code [fcgi-program:x]} group. Unlike supervisord, which closes it
 * whenever no worker is running, it is opened when the group is created and stays open until the
 * group is removed: restarting workers, one by one or all at once, never refuses a connection nor
 * drops a queued one. When it cannot be opened, every start of a worker tries again and fails with
 * the reason as its spawn error, so the group ends FATAL and the rest of the configuration runs.
 *
 * <p>Confined to the control thread.
 */
public final class GroupSocket {
    private final FcgiGroupConfig group;
    private final SocketCalls calls;
    private final SupervisorLog log;
    private ListeningSocket socket;

    public GroupSocket(FcgiGroupConfig group, SocketCalls calls, SupervisorLog log) {
        this.group = group;
        this.calls = calls;
        this.log = log;
    }

    public SocketSpec spec() {
        return group.socket();
    }

    /**
     * The socket to give a worker, opened now if it is not open yet.
     *
     * @throws LaunchException naming the program and the address, with the reason
     */
    public InheritedSocket acquire() throws LaunchException {
        if (socket == null) {
            log.log(LogLevel.INFO, "Creating socket " + spec().url());
            try {
                socket = ListeningSocket.open(spec(), calls);
            } catch (IOException e) {
                throw new LaunchException("Could not create FastCGI socket " + spec().url() + " for '" + group.name()
                        + "': " + e.getMessage());
            }
        }
        return new InheritedSocket(socket.fd(), group.handoff());
    }

    /** Whether the socket is open now (it opens with the group, or at the next start after a failure). */
    public boolean isOpen() {
        return socket != null;
    }

    /** Closes the socket, if open: connections still queued are refused, a unix socket's file removed. */
    public void close() {
        if (socket != null) {
            log.log(LogLevel.INFO, "Closing socket " + spec().url());
            socket.close();
            socket = null;
        }
    }
}
