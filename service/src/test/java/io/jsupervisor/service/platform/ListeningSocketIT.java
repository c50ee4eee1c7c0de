package io.jsupervisor.service.platform;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.testing.ProcFs.TCP_LISTEN;
import static io.jsupervisor.service.testing.ProcFs.TCP_TIME_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.NativeAccounts;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.SocketSpec;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.fcgi.ListeningSocket;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import io.jsupervisor.service.testing.ProcFs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ListeningSocket} on the real {@link LinuxPlatform}, checked against what the kernel reports
 * ({@code /proc}, file attributes, real connections): a unix socket gets its mode and owner, listens
 * with the configured backlog, is close-on-exec, and its file goes when it closes; a stale socket file
 * is replaced while a live one, a regular file, a missing directory, a path under a file and an over-long
 * path are refused with supervisord's words; a TCP socket is IPv4, reuses an address in TIME_WAIT, and reports a port in
 * use and an unknown host. No refused attempt leaves a descriptor open.
 */
class ListeningSocketIT {
    private static final int O_CLOEXEC = 02000000;
    private static final String LOOPBACK_HEX = "0100007F";

    @TempDir
    Path dir;
    private final LinuxPlatform platform = new LinuxPlatform();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ListeningSocket open(SocketSpec spec) throws IOException {
        ListeningSocket socket = ListeningSocket.open(spec, platform);
        toClose.add(socket);
        return socket;
    }

    private static SocketSpec.Unix unix(Path path) {
        return new SocketSpec.Unix(path, Optional.empty(), 0700, SocketSpec.DEFAULT_BACKLOG);
    }

    private static SocketSpec.Tcp tcp(String host, int port) {
        return new SocketSpec.Tcp(host, port, SocketSpec.DEFAULT_BACKLOG);
    }

    /** The inode of the socket this process holds as {@code fd}. */
    private static long inodeOf(int fd) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
        assertTrue(link.matches("socket:\\[\\d+]"), "fd " + fd + " is " + link);
        return Long.parseLong(link.substring("socket:[".length(), link.length() - 1));
    }

    private static void connect(Path path) throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            assertTrue(client.isConnected());
        }
    }

    /** Whether the peer of {@code client} has gone: end of stream or reset. */
    private static boolean dropped(SocketChannel client) {
        try {
            return client.read(ByteBuffer.allocate(1)) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** The descriptors of this JVM that are sockets: a refused open must not add any. */
    private static long openSockets() {
        return ProcFs.fds(ProcessHandle.current().pid()).values().stream().filter(l -> l.startsWith("socket:")).count();
    }

    /** A port nobody listens on now. */
    private static int freePort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void aUnixSocketHasItsModeAndOwnerListensAndClosesOnExec() throws Exception {
        Path path = dir.resolve("app.sock");
        Account nobody = new NativeAccounts().user("nobody").orElseThrow();
        boolean root = Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        Optional<FileOwner> owner = root ? Optional.of(new FileOwner(nobody.uid(), OptionalInt.of(nobody.gid())))
                : Optional.empty();
        ListeningSocket socket = open(new SocketSpec.Unix(path, owner, 0660, 16));

        assertEquals("140660", Integer.toOctalString(mode(path)), "a socket file with mode 0660");
        long inode = inodeOf(socket.fd());
        assertEquals(OptionalLong.of(inode), ProcFs.unixListener(path), "our descriptor listens on " + path);
        assertEquals(O_CLOEXEC, ProcFs.fdFlags(socket.fd()) & O_CLOEXEC, "close-on-exec");
        connect(path);
        assertEquals(1, ProcFs.queuedConnections(path), "the connection waits in the queue, as nobody accepts");
        assumeTrue(root, "only root can give the socket file away; owner not checked");
        assertEquals(nobody.uid(), Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(nobody.gid(), Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void closingRemovesTheFileAndRefusesConnections() throws Exception {
        Path path = dir.resolve("app.sock");
        ListeningSocket socket = open(unix(path));
        long inode = inodeOf(socket.fd());
        try (SocketChannel queued = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            socket.close();

            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the socket file is removed");
            assertEquals(OptionalLong.empty(), ProcFs.unixListener(path));
            assertFalse(ProcFs.fds(ProcessHandle.current().pid()).containsValue(ProcFs.socketLink(inode)),
                    "the descriptor is closed");
            assertTrue(dropped(queued), "a queued connection is dropped");
        }
        assertThrows(IOException.class, () -> connect(path));
    }

    @Test
    void closingLeavesAFileThatIsNoLongerOurs() throws Exception {
        Path path = dir.resolve("app.sock");
        ListeningSocket socket = open(unix(path));
        Files.delete(path);
        Files.writeString(path, "someone else's");

        socket.close();

        assertEquals("someone else's", Files.readString(path));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = dir.resolve("app.sock");
        try (ServerSocketChannel earlier = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            earlier.bind(UnixDomainSocketAddress.of(path)); // closing leaves the file: a stale socket
        }
        assertThrows(IOException.class, () -> connect(path));

        ListeningSocket socket = open(unix(path));

        assertEquals(OptionalLong.of(inodeOf(socket.fd())), ProcFs.unixListener(path));
        connect(path);
    }

    @Test
    void aLiveListenerIsRefusedAndKeepsItsSocket() throws Exception {
        Path path = dir.resolve("app.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path));
            Object file = Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            long sockets = openSockets();

            IOException e = assertThrows(IOException.class, () -> open(unix(path)));

            assertEquals("[Errno 98] Address already in use: a server listens on " + path, e.getMessage());
            assertEquals(file, Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = live.accept()) {
                assertTrue(client.isConnected() && accepted.isConnected(), "the live server still gets connections");
            }
            assertEquals(sockets, openSockets(), "no descriptor left open");
        }
    }

    @Test
    void aRegularFileIsRefusedAndLeftAlone() throws Exception {
        Path path = Files.writeString(dir.resolve("app.sock"), "not a socket");
        long sockets = openSockets();

        IOException e = assertThrows(IOException.class, () -> open(unix(path)));

        assertEquals(path + " exists and is not a socket", e.getMessage());
        assertEquals("not a socket", Files.readString(path));
        assertEquals(sockets, openSockets(), "no descriptor left open");
    }

    @Test
    void aMissingDirectoryIsReported() throws Exception {
        Path path = dir.resolve("missing/app.sock");
        long sockets = openSockets();

        IOException e = assertThrows(IOException.class, () -> open(unix(path)));

        assertEquals("[Errno 2] No such file or directory", e.getMessage());
        assertEquals(sockets, openSockets(), "no descriptor left open");
    }

    @Test
    void aPathUnderARegularFileIsReportedInErrnoWords() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        long sockets = openSockets();

        IOException e = assertThrows(IOException.class, () -> open(unix(file.resolve("app.sock"))));

        assertEquals("[Errno 20] Not a directory", e.getMessage());
        assertEquals(sockets, openSockets(), "no descriptor left open");
    }

    @Test
    void aPathOfMoreThan107BytesIsRefusedClearly() throws Exception {
        String prefix = dir + "/";
        Path longest = Path.of(prefix + "a".repeat(107 - prefix.length()));
        Path tooLong = Path.of(prefix + "b".repeat(108 - prefix.length()));

        ListeningSocket socket = open(unix(longest));
        assertEquals(OptionalLong.of(inodeOf(socket.fd())), ProcFs.unixListener(longest), "107 bytes fit");
        IOException e = assertThrows(IOException.class, () -> open(unix(tooLong)));

        assertEquals("[Errno 36] File name too long: " + tooLong + " is longer than the 107 bytes a socket path may "
                + "have", e.getMessage());
        assertFalse(Files.exists(tooLong, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theUnixBacklogIsTheConfiguredOne() throws Exception {
        Path path = dir.resolve("app.sock");
        open(new SocketSpec.Unix(path, Optional.empty(), 0700, 3));
        List<SocketChannel> clients = new ArrayList<>();
        try {
            // Linux queues backlog + 1 connections to a unix listener; a non-blocking connect beyond that fails.
            for (int i = 0; i < 4; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                clients.add(client);
                client.configureBlocking(false);
                assertTrue(client.connect(UnixDomainSocketAddress.of(path)), "connection " + (i + 1) + " is queued");
            }
            SocketChannel fifth = SocketChannel.open(StandardProtocolFamily.UNIX);
            clients.add(fifth);
            fifth.configureBlocking(false);
            boolean connected;
            try {
                connected = fifth.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException full) {
                connected = false;
            }
            assertFalse(connected, "a fifth connection finds the queue of 3 (+1) full");
            assertEquals(4, ProcFs.queuedConnections(path));
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aTcpSocketListensOnIpv4AndClosesOnExec() throws Exception {
        int port = freePort();
        ListeningSocket socket = open(tcp("localhost", port));

        long inode = inodeOf(socket.fd());
        assertEquals(OptionalLong.of(inode), ProcFs.tcpSocket("tcp", LOOPBACK_HEX, port, TCP_LISTEN),
                "an IPv4 socket listening on 127.0.0.1, the first IPv4 address of localhost");
        assertEquals(OptionalLong.empty(), ProcFs.tcpSocket("tcp6", null, port, TCP_LISTEN), "no IPv6 socket");
        assertEquals(O_CLOEXEC, ProcFs.fdFlags(socket.fd()) & O_CLOEXEC, "close-on-exec");
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            assertTrue(client.isConnected());
        }

        socket.close();
        assertEquals(OptionalLong.empty(), ProcFs.tcpSocket("tcp", null, port, TCP_LISTEN));
        assertThrows(IOException.class, () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).close());
    }

    @Test
    void aTcpPortInTimeWaitIsReused() throws Exception {
        int port;
        try (ServerSocketChannel earlier = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            earlier.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) earlier.getLocalAddress()).getPort();
            SocketChannel client = SocketChannel.open(earlier.getLocalAddress());
            SocketChannel served = earlier.accept();
            served.close(); // the server's side closes first, so its end waits in TIME_WAIT on the port
            client.close();
        }
        until("the server's end of the connection to be in TIME_WAIT",
                () -> ProcFs.tcpSocket("tcp", LOOPBACK_HEX, port, TCP_TIME_WAIT).isPresent());

        ListeningSocket socket = open(tcp("127.0.0.1", port));

        assertEquals(OptionalLong.of(inodeOf(socket.fd())), ProcFs.tcpSocket("tcp", LOOPBACK_HEX, port, TCP_LISTEN));
    }

    @Test
    void aTcpPortInUseIsReported() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            long sockets = openSockets();

            IOException e = assertThrows(IOException.class, () -> open(tcp("127.0.0.1", port)));

            assertEquals("[Errno 98] Address already in use", e.getMessage());
            assertEquals(sockets, openSockets(), "no descriptor left open");
        }
    }

    @Test
    void anUnknownHostIsReported() {
        IOException e = assertThrows(IOException.class, () -> open(tcp("no-such-host.invalid", 9000)));

        assertEquals("[Errno -2] Name or service not known: 'no-such-host.invalid'", e.getMessage());
    }

    @Test
    void theTcpBacklogIsTheConfiguredOne() throws Exception {
        RequiredTools.require(RequiredTools.runs("ss", "-V"), "ss", "apt-get install iproute2");
        int port = freePort();
        open(new SocketSpec.Tcp("127.0.0.1", port, 7));

        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes()).trim();
        assertTrue(ss.waitFor(30, TimeUnit.SECONDS));
        // State Recv-Q Send-Q Local Peer: for a listener, Send-Q is its backlog.
        assertEquals(List.of("LISTEN", "0", "7", "127.0.0.1:" + port), List.of(out.split("\\s+")).subList(0, 4), out);
    }
}
