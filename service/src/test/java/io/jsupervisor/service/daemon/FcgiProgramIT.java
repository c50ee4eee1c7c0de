package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.testing.ProcFs.socketLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jsupervisor.config.testing.Poll;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.service.testing.ProcFs;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [fcgi-program:x]} groups in a real daemon, with real workers, checked through {@code /proc}:
 * every worker gets the group's one listening socket as fd 0 (or as fd 3 with {@code LISTEN_*}
 * variables for {@code socket_handoff=systemd}) and no other descriptor, a plain program does not;
 * the socket (its inode) outlives stopping, starting and killing workers, so a connection queued
 * while no worker runs is served once they are back (fcgiwrap workers, {@code cgi-fcgi} client);
 * removing the group or stopping the daemon closes the socket and deletes its file, and update
 * re-creates it with a changed mode; a socket that cannot be created (port in use, missing directory,
 * a regular file in the way) fails only its own group, with the reason as spawn error, until a
 * start finds it possible; {@code sendProcessStdin} to a worker whose stdin is the socket is
 * NO_FILE. Last, {@code examples/fcgi/FcgiHello.java} as a pool of two answers FastCGI requests
 * from both workers.
 *
 * <p>Needs {@code fcgiwrap} and {@code cgi-fcgi} (Debian packages fcgiwrap and libfcgi-bin) for the
 * two tests that send FastCGI requests.
 */
class FcgiProgramIT {
    private static final String RPC_SERVER = """
            [unix_http_server]
            file=%(here)s/rpc.sock
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            """;
    private static final Path FCGIWRAP = Path.of("/usr/sbin/fcgiwrap");
    private static final Path CGI_FCGI = Path.of("/usr/bin/cgi-fcgi");

    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private UnixRpc rpc;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String programs) throws IOException {
        daemon = DaemonHarness.start(dir, "", RPC_SERVER + programs);
        rpc = new UnixRpc(dir.resolve("rpc.sock"));
    }

    private void awaitRunning(String... processes) throws InterruptedException {
        for (String process : processes) {
            daemon.await("success: " + process + " entered RUNNING state.*");
        }
    }

    private Map<?, ?> info(String namespec) {
        try {
            return (Map<?, ?>) rpc.call("supervisor.getProcessInfo", namespec);
        } catch (Exception e) {
            throw new AssertionError("getProcessInfo " + namespec, e);
        }
    }

    private int pid(String namespec) {
        return (Integer) info(namespec).get("pid");
    }

    /** All that {@code namespec} has written to its stdout log. */
    private String stdoutLog(String namespec) {
        try {
            return (String) rpc.call("supervisor.readProcessStdoutLog", namespec, 0, 0);
        } catch (Exception e) {
            throw new AssertionError("readProcessStdoutLog " + namespec, e);
        }
    }

    /** Waits until {@code namespec} is in {@code state}; returns its info then. */
    private Map<?, ?> awaitState(String namespec, String state) throws InterruptedException {
        until(namespec + " to be " + state, () -> info(namespec).get("statename").equals(state));
        return info(namespec);
    }

    /** The inode of the socket listening on {@code path}: it must exist. */
    private static long listener(Path path) {
        OptionalLong inode = ProcFs.unixListener(path);
        assertTrue(inode.isPresent(), "a socket listens on " + path);
        return inode.getAsLong();
    }

    private static void connect(Path path) throws IOException {
        SocketChannel.open(UnixDomainSocketAddress.of(path)).close();
    }

    private static String mode(Path path) throws IOException {
        return Integer.toOctalString((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
    }

    /** A loopback port nobody listens on now. */
    private static int freePort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private void requireFastCgiTools(boolean withWrapper) {
        RequiredTools.require(Files.isExecutable(CGI_FCGI), "cgi-fcgi", "apt-get install libfcgi-bin");
        if (withWrapper) {
            RequiredTools.require(Files.isExecutable(FCGIWRAP), "fcgiwrap", "apt-get install fcgiwrap");
        }
    }

    /** A running {@code cgi-fcgi}, its output going to a file. */
    private record FastCgiRequest(Process process, Path output) {
        /** What {@code cgi-fcgi} printed, once it has exited 0 within the deadline. */
        String answer() throws IOException, InterruptedException {
            if (!process.waitFor(Poll.DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cgi-fcgi got no answer within " + Poll.DEADLINE_MILLIS + " ms");
            }
            String out = Files.readString(output);
            assertEquals(0, process.exitValue(), "cgi-fcgi answered:\n" + out);
            return out;
        }
    }

    /**
     * Starts {@code cgi-fcgi} sending one GET request for {@code script} to {@code address} (a unix
     * socket path or host:port); its output is the FastCGI answer.
     */
    private FastCgiRequest fastCgiRequest(String address, Path script) throws IOException {
        Path output = Files.createTempFile(dir, "answer", ".txt");
        ProcessBuilder request = new ProcessBuilder(CGI_FCGI.toString(), "-bind", "-connect", address)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))); // no request body
        Map<String, String> env = request.environment();
        env.clear();
        env.putAll(Map.of("REQUEST_METHOD", "GET", "SCRIPT_FILENAME", script.toString(), "REQUEST_URI", "/",
                "QUERY_STRING", "", "SERVER_PROTOCOL", "HTTP/1.1"));
        return new FastCgiRequest(request.start(), output);
    }

    /** A CGI script for fcgiwrap that says which process ran it. */
    private Path helloCgi() throws IOException {
        Path script = dir.resolve("hello.cgi");
        Files.writeString(script, """
                #!/bin/sh
                printf 'Content-Type: text/plain\\r\\n\\r\\nhello from cgi %s\\n' "$$"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void everyWorkerGetsTheOneSocketAsStdinAndNothingElse() throws Exception {
        start("""
                [fcgi-program:pool]
                command=/bin/sleep 1000
                socket=unix://%(here)s/pool.sock
                process_name=%(program_name)s_%(process_num)d
                numprocs=3
                startsecs=0
                [program:plain]
                command=/bin/cat
                startsecs=0
                [fcgi-program:idle]
                command=/bin/sleep 1000
                socket=unix://%(here)s/idle.sock
                autostart=false
                """);
        awaitRunning("pool_0", "pool_1", "pool_2", "plain");
        listener(dir.resolve("idle.sock")); // created with its group, before any worker starts
        Path socket = dir.resolve("pool.sock");
        long inode = listener(socket);
        assertEquals("140700", mode(socket), "the default socket_mode");

        for (String worker : List.of("pool:pool_0", "pool:pool_1", "pool:pool_2")) {
            Map<Integer, String> fds = ProcFs.fds(pid(worker));
            assertEquals(Set.of(0, 1, 2), fds.keySet(), worker + " has " + fds);
            assertEquals(socketLink(inode), fds.get(0), worker + "'s fd 0 is the socket listening on " + socket);
        }
        Map<Integer, String> plain = ProcFs.fds(pid("plain"));
        assertEquals(Set.of(0, 1, 2), plain.keySet(), "plain has " + plain);
        assertTrue(plain.get(0).startsWith("pipe:"), "plain's stdin is a pipe: " + plain);
        assertEquals(1, ProcFs.fds(daemon.pid()).values().stream().filter(socketLink(inode)::equals).count(),
                "the daemon holds the socket once");
        assertEquals(1, daemon.count(Pattern.quote("Creating socket unix://" + socket)),
                "one socket for three workers");

        XmlRpcFault noStdin = rpc.fault("supervisor.sendProcessStdin", "pool:pool_1", "hello\n");
        assertEquals("NO_FILE: pool:pool_1", noStdin.string());
        assertEquals(20, noStdin.code());
        assertEquals(Boolean.TRUE, rpc.call("supervisor.sendProcessStdin", "plain", "hello\n"));
        daemon.stopCleanly();
    }

    @Test
    void theSocketOutlivesItsWorkers() throws Exception {
        start("""
                [fcgi-program:pool]
                command=/bin/sleep 1000
                socket=unix://%(here)s/pool.sock
                process_name=%(program_name)s_%(process_num)d
                numprocs=2
                startsecs=0
                """);
        awaitRunning("pool_0", "pool_1");
        Path socket = dir.resolve("pool.sock");
        long inode = listener(socket);

        rpc.call("supervisor.stopProcessGroup", "pool", true);
        assertEquals("STOPPED", info("pool:pool_0").get("statename"));
        assertEquals("STOPPED", info("pool:pool_1").get("statename"));
        assertEquals(inode, listener(socket), "no worker runs, the socket still listens");
        connect(socket);

        rpc.call("supervisor.startProcessGroup", "pool", true);
        assertEquals(inode, listener(socket));
        for (String worker : List.of("pool:pool_0", "pool:pool_1")) {
            assertEquals(socketLink(inode), ProcFs.fds(pid(worker)).get(0), worker + " started again");
        }

        int killed = pid("pool:pool_0");
        assertTrue(ProcessHandle.of(killed).orElseThrow().destroyForcibly(), "SIGKILL sent to pool_0");
        daemon.await("exited: pool_0 \\(terminated by SIGKILL; not expected\\)");
        until("pool_0 to be restarted", () -> {
            Map<?, ?> info = info("pool:pool_0");
            return info.get("statename").equals("RUNNING") && !info.get("pid").equals(killed);
        });
        assertEquals(inode, listener(socket), "the socket is never bound again");
        assertEquals(socketLink(inode), ProcFs.fds(pid("pool:pool_0")).get(0), "the restarted worker");
        assertEquals(1, daemon.count("Creating socket .*"));
        assertEquals(0, daemon.count("Closing socket .*"));
        daemon.stopCleanly();
    }

    @Test
    void aConnectionQueuedWhileNoWorkerRunsIsServedWhenTheyStart() throws Exception {
        requireFastCgiTools(true);
        Path script = helloCgi();
        start("""
                [fcgi-program:cgi]
                command=%s
                socket=unix://%%(here)s/cgi.sock
                process_name=%%(program_name)s_%%(process_num)d
                numprocs=2
                startsecs=0
                """.formatted(FCGIWRAP));
        awaitRunning("cgi_0", "cgi_1");
        Path socket = dir.resolve("cgi.sock");
        assertTrue(fastCgiRequest(socket.toString(), script).answer().contains("hello from cgi "));

        rpc.call("supervisor.stopProcessGroup", "cgi", true);
        FastCgiRequest request = fastCgiRequest(socket.toString(), script);
        try {
            until("cgi-fcgi's connection to wait in the socket's queue", () -> ProcFs.queuedConnections(socket) == 1);
            assertTrue(request.process().isAlive(), "cgi-fcgi waits for an answer");
            assertEquals("STOPPED", info("cgi:cgi_0").get("statename"));
            assertEquals("STOPPED", info("cgi:cgi_1").get("statename"));

            rpc.call("supervisor.startProcessGroup", "cgi", false);

            String answer = request.answer();
            assertTrue(answer.matches("(?s)Content-Type: text/plain\r\n\r\nhello from cgi \\d+\n"), answer);
        } finally {
            request.process().destroyForcibly();
        }
        daemon.stopCleanly();
    }

    @Test
    void removingTheGroupOrStoppingTheDaemonClosesTheSocket() throws Exception {
        int port = freePort();
        start("""
                [fcgi-program:u]
                command=/bin/sleep 1000
                socket=unix://%%(here)s/u.sock
                startsecs=0
                [fcgi-program:t]
                command=/bin/sleep 1000
                socket=tcp://127.0.0.1:%d
                startsecs=0
                [fcgi-program:stays]
                command=/bin/sleep 1000
                socket=unix://%%(here)s/stays.sock
                startsecs=0
                """.formatted(port));
        awaitRunning("u", "t", "stays");
        Path u = dir.resolve("u.sock");
        long inode = listener(u);
        OptionalLong tcp = ProcFs.tcpSocket("tcp", null, port, ProcFs.TCP_LISTEN);
        assertTrue(tcp.isPresent(), "listening on port " + port);

        for (String group : List.of("u", "t")) {
            rpc.call("supervisor.stopProcessGroup", group, true);
            assertEquals(Boolean.TRUE, rpc.call("supervisor.removeProcessGroup", group));
        }

        daemon.await(Pattern.quote("Closing socket unix://" + u));
        daemon.await(Pattern.quote("Closing socket tcp://127.0.0.1:" + port));
        assertFalse(Files.exists(u, LinkOption.NOFOLLOW_LINKS), "the socket file is deleted");
        assertThrows(IOException.class, () -> connect(u));
        assertThrows(IOException.class, () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).close());
        Map<Integer, String> daemonFds = ProcFs.fds(daemon.pid());
        assertFalse(daemonFds.containsValue(socketLink(inode)), "the daemon closed the unix socket");
        assertFalse(daemonFds.containsValue(socketLink(tcp.getAsLong())), "the daemon closed the TCP socket");

        assertEquals(Boolean.TRUE, rpc.call("supervisor.addProcessGroup", "u"));
        awaitState("u", "RUNNING");
        long again = listener(u);
        assertNotEquals(inode, again, "a new socket");
        assertEquals(socketLink(again), ProcFs.fds(pid("u")).get(0));
        connect(u);

        Path stays = dir.resolve("stays.sock");
        assertTrue(Files.exists(stays));
        daemon.stopCleanly();
        assertEquals(1, daemon.count(Pattern.quote("Closing socket unix://" + stays)));
        assertFalse(Files.exists(stays, LinkOption.NOFOLLOW_LINKS), "stopping the daemon deletes the socket file");
        assertFalse(Files.exists(u, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void updateRecreatesTheSocketWithItsNewMode() throws Exception {
        start("""
                [fcgi-program:pool]
                command=/bin/sleep 1000
                socket=unix://%(here)s/pool.sock
                socket_mode=0600
                startsecs=0
                """);
        awaitRunning("pool");
        Path socket = dir.resolve("pool.sock");
        long inode = listener(socket);
        assertEquals("140600", mode(socket));
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, Files.readString(config).replace("socket_mode=0600", "socket_mode=0666"));

        // What supervisorctl update does with a changed group.
        assertEquals(List.of(List.of(List.of(), List.of("pool"), List.of())), rpc.call("supervisor.reloadConfig"));
        rpc.call("supervisor.stopProcessGroup", "pool", true);
        assertEquals(Boolean.TRUE, rpc.call("supervisor.removeProcessGroup", "pool"));
        assertEquals(Boolean.TRUE, rpc.call("supervisor.addProcessGroup", "pool"));
        awaitState("pool", "RUNNING");

        assertEquals("140666", mode(socket));
        long recreated = listener(socket);
        assertNotEquals(inode, recreated);
        assertEquals(socketLink(recreated), ProcFs.fds(pid("pool")).get(0));
        assertEquals(1, daemon.count(Pattern.quote("Closing socket unix://" + socket)));
        assertEquals(2, daemon.count(Pattern.quote("Creating socket unix://" + socket)));
        daemon.stopCleanly();
    }

    @Test
    void systemdHandoffGivesTheSocketAsFd3WithListenVariables() throws Exception {
        Files.writeString(dir.resolve("worker.sh"), """
                echo "$LISTEN_FDS $LISTEN_PID $$ $LISTEN_FDNAMES"
                readlink /proc/$$/fd/3 /proc/$$/fd/0
                exec sleep 1000
                """);
        start("""
                [fcgi-program:sd]
                command=/bin/sh %(here)s/worker.sh
                socket=unix://%(here)s/sd.sock
                socket_handoff=systemd
                process_name=%(program_name)s_%(process_num)d
                numprocs=2
                startsecs=0
                """);
        awaitRunning("sd_0", "sd_1");
        long inode = listener(dir.resolve("sd.sock"));

        for (String worker : List.of("sd:sd_0", "sd:sd_1")) {
            int pid = pid(worker);
            until(worker + " to print its environment", () -> stdoutLog(worker).lines().count() == 3);
            List<String> lines = stdoutLog(worker).lines().toList();
            assertEquals("1 " + pid + " " + pid + " sd", lines.get(0), "LISTEN_FDS LISTEN_PID $$ LISTEN_FDNAMES");
            assertEquals(socketLink(inode), lines.get(1), "fd 3 is the socket");
            assertTrue(lines.get(2).startsWith("pipe:"), "fd 0 is a pipe: " + lines.get(2));
            Map<Integer, String> fds = ProcFs.fds(pid);
            assertEquals(Set.of(0, 1, 2, 3), fds.keySet(), worker + " has " + fds);
            assertEquals(socketLink(inode), fds.get(3));
            assertEquals(Boolean.TRUE, rpc.call("supervisor.sendProcessStdin", worker, "hello\n"), "stdin is a pipe");
        }
        daemon.stopCleanly();
    }

    @Test
    void aSocketThatCannotBeCreatedFailsOnlyItsGroup() throws Exception {
        Path file = Files.writeString(dir.resolve("file.sock"), "not a socket");
        int port;
        try (ServerSocketChannel taken = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            start("""
                    [fcgi-program:busy]
                    command=/bin/sleep 1000
                    socket=tcp://127.0.0.1:%d
                    startsecs=0
                    startretries=1
                    [fcgi-program:nodir]
                    command=/bin/sleep 1000
                    socket=unix://%%(here)s/missing/nodir.sock
                    startsecs=0
                    startretries=0
                    [fcgi-program:file]
                    command=/bin/sleep 1000
                    socket=unix://%%(here)s/file.sock
                    startsecs=0
                    startretries=0
                    [program:plain]
                    command=/bin/sleep 1000
                    startsecs=0
                    """.formatted(port));
            Map<String, String> reasons = Map.of(
                    "busy", "Could not create FastCGI socket tcp://127.0.0.1:" + port
                            + " for 'busy': [Errno 98] Address already in use",
                    "nodir", "Could not create FastCGI socket unix://" + dir + "/missing/nodir.sock for 'nodir': "
                            + "[Errno 2] No such file or directory",
                    "file", "Could not create FastCGI socket unix://" + file + " for 'file': " + file
                            + " exists and is not a socket");
            for (Map.Entry<String, String> failed : reasons.entrySet()) {
                String group = failed.getKey();
                daemon.await("gave up: " + group + " entered FATAL state, too many start retries too quickly");
                Map<?, ?> info = awaitState(group, "FATAL");
                assertEquals(failed.getValue(), info.get("spawnerr"));
                assertTrue(daemon.lines().stream().anyMatch(l -> l.endsWith(" ERRO " + failed.getValue())),
                        "logged as an error when the group is created: " + failed.getValue());
                assertTrue(daemon.count(Pattern.quote("spawnerr: " + failed.getValue())) >= 1);
            }
            assertEquals(2, daemon.count(Pattern.quote("spawnerr: " + reasons.get("busy"))), "startretries=1");
            awaitRunning("plain");
            assertEquals("RUNNING", info("plain").get("statename"));
            assertEquals("not a socket", Files.readString(file), "the file in the way is left alone");
        }

        // The port is free now: the next start of a worker creates the socket.
        rpc.call("supervisor.startProcessGroup", "busy", true);
        long inode = ProcFs.tcpSocket("tcp", null, port, ProcFs.TCP_LISTEN).orElseThrow();
        assertEquals(socketLink(inode), ProcFs.fds(pid("busy")).get(0), "a later start creates the socket");
        daemon.stopCleanly();
    }

    @Test
    void theFcgiHelloExampleAnswersFromBothWorkers() throws Exception {
        requireFastCgiTools(false);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path example = Path.of(System.getProperty("jsupervisor.home", "..")).toAbsolutePath().normalize()
                .resolve("examples/fcgi/FcgiHello.java");
        assertTrue(Files.isRegularFile(example), example.toString());
        int port = freePort();
        start("""
                [fcgi-program:hello]
                command=%s %s
                socket=tcp://127.0.0.1:%d
                process_name=%%(program_name)s_%%(process_num)02d
                numprocs=2
                startsecs=1
                """.formatted(java, example, port));
        awaitRunning("hello_00", "hello_01");
        Map<String, Integer> pids = Map.of("hello_00", pid("hello:hello_00"), "hello_01", pid("hello:hello_01"));
        for (String worker : pids.keySet()) {
            until(worker + " to listen (the source launcher compiles first)", () -> stdoutLog("hello:" + worker)
                    .startsWith("FcgiHello pid " + pids.get(worker) + " listening on /127.0.0.1:" + port));
        }

        Pattern process = Pattern.compile("(?m)^pid=(\\d+)\nprocess=(\\S+)$");
        Set<String> seen = new TreeSet<>();
        until("both workers to answer", () -> {
            String answer;
            try {
                answer = fastCgiRequest("127.0.0.1:" + port, example).answer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertTrue(answer.contains("\r\n\r\nhello from FcgiHello\n"), answer);
            Matcher m = process.matcher(answer);
            assertTrue(m.find(), answer);
            assertEquals(pids.get(m.group(2)), Integer.valueOf(m.group(1)), "the pid of " + m.group(2));
            seen.add(m.group(2));
            return seen.size() == 2;
        });
        assertEquals(Set.of("hello_00", "hello_01"), seen);
        daemon.stopCleanly();
    }
}
