package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import com.sun.security.auth.module.UnixSystem;
import io.jsupervisor.config.testing.Poll;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's nginx in front of a jsupervisord {@code [fcgi-program:x]} pool of four Debian fcgiwrap
 * workers, each running the example CGI program that answers with its worker's name. Over a unix
 * socket and over TCP: every worker serves, and under load, with workers killed by SIGKILL, then
 * restarted one after another, then all at once, every request gets its 200 and the expected
 * body. A third test runs {@code examples/fcgi} as the README tells a user to.
 *
 * <p>nginx.conf and the CGI program are the example's own ({@code examples/fcgi}), with the ports
 * and the pool's address replaced, so the example is what is tested. Everything runs in a temporary
 * directory that nginx's workers can enter: when the test runs as root they run as {@code nobody}.
 */
class NginxFcgiIT {
    private static final Path EXAMPLE = Path.of(System.getProperty("jsupervisor.home", ".."))
            .resolve("examples/fcgi").toAbsolutePath().normalize();
    private static final String FCGIWRAP = "/usr/sbin/fcgiwrap";
    /** The example's addresses, replaced by free ones. */
    private static final String NGINX_ADDRESS = "127.0.0.1:8080";
    private static final String CGI_ADDRESS = "127.0.0.1:9100";
    private static final String JAVA_ADDRESS = "127.0.0.1:9101";
    private static final Set<String> WORKERS = Set.of("cgi_0", "cgi_1", "cgi_2", "cgi_3");
    private static final Predicate<String> WORKER_NAME = Pattern.compile("cgi_[0-3]\n").asMatchPredicate();
    private static final boolean ROOT = new UnixSystem().getUid() == 0;

    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private Nginx nginx;

    @BeforeAll
    static void tools() {
        Nginx.require();
        RequiredTools.require(RequiredTools.runs(FCGIWRAP, "-h"), "fcgiwrap", "apt-get install fcgiwrap");
    }

    @BeforeEach
    void reachableByNginxWorkers() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void unixSocketPoolServesEveryRequestThroughKillsAndRestarts() throws Exception {
        Path socket = dir.resolve("cgi.sock");
        // Only the socket's owner may connect: nginx's workers, which run as nobody when nginx starts as root.
        String owner = ROOT ? "nobody" : System.getProperty("user.name");
        URI uri = startPool("unix://%(here)s/cgi.sock\nsocket_owner=" + owner + "\nsocket_mode=0600",
                "unix:" + socket);
        assertEquals(owner, Files.getOwner(socket).getName());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        servesEveryRequestThroughKillsAndRestarts(uri, UnixDomainSocketAddress.of(socket));
    }

    @Test
    void tcpSocketPoolServesEveryRequestThroughKillsAndRestarts() throws Exception {
        int port = freePort();
        String address = "127.0.0.1:" + port;
        URI uri = startPool("tcp://" + address, address);
        servesEveryRequestThroughKillsAndRestarts(uri, new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void exampleServesBothPoolsThroughNginx() throws Exception {
        int port = freePort();
        Map<String, String> pools = Map.of(CGI_ADDRESS, "127.0.0.1:" + freePort(),
                JAVA_ADDRESS, "127.0.0.1:" + freePort());
        copyExample("supervisord.conf", pools);
        copyExample("FcgiHello.java", Map.of());
        copyExample("cgi-bin/hello.cgi", Map.of());
        Map<String, String> all = new HashMap<>(pools);
        all.put(NGINX_ADDRESS, "127.0.0.1:" + port);
        copyExample("nginx.conf", all);
        Files.createDirectories(dir.resolve("logs"));
        daemon = DaemonHarness.startOn(dir.resolve("supervisord.conf"));
        daemon.await("supervisord started with pid \\d+");
        nginx = Nginx.start(dir, "nginx.conf", port, user());
        awaitEveryWorker(URI.create("http://127.0.0.1:" + port + "/cgi/"), WORKER_NAME, WORKERS);
        // The Java workers compile their source first: their requests wait in the socket's queue meanwhile.
        Pattern hello = Pattern.compile("hello from FcgiHello\npid=\\d+\nprocess=hello_[01]\n(?s).*");
        awaitEveryWorker(URI.create("http://127.0.0.1:" + port + "/java/x"), hello.asMatchPredicate(),
                Set.of("process=hello_0", "process=hello_1"));
    }

    /**
     * Starts the daemon with four fcgiwrap workers on {@code socket} (the value of {@code socket=} and
     * any further options), and nginx passing /cgi/ to {@code upstream}; waits until every worker has
     * answered a request and returns the URI that reaches them.
     */
    private URI startPool(String socket, String upstream) throws Exception {
        daemon = DaemonHarness.start(dir, "", """
                [unix_http_server]
                file=%(here)s/s.sock
                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                [fcgi-program:cgi]
                command=/usr/sbin/fcgiwrap -c 1
                socket=SOCKET
                process_name=%(program_name)s_%(process_num)d
                numprocs=4
                stopsignal=KILL
                """.replace("SOCKET", socket));
        daemon.await("supervisord started with pid \\d+"); // the socket exists from here on
        int port = freePort();
        copyExample("cgi-bin/hello.cgi", Map.of());
        copyExample("nginx.conf", Map.of(NGINX_ADDRESS, "127.0.0.1:" + port, CGI_ADDRESS, upstream));
        nginx = Nginx.start(dir, "nginx.conf", port, user());
        URI uri = URI.create("http://127.0.0.1:" + port + "/cgi/");
        awaitEveryWorker(uri, WORKER_NAME, WORKERS);
        return uri;
    }

    /**
     * Under load: eight workers killed with SIGKILL, each a random one of those RUNNING, at least 100
     * requests apart (autorestart brings them back), then a rolling restart, then a restart of all
     * four at once. No request may fail. {@code pool} is the pool's socket.
     */
    private void servesEveryRequestThroughKillsAndRestarts(URI uri, SocketAddress pool) throws Exception {
        UnixRpc rpc = new UnixRpc(dir.resolve("s.sock"));
        Random random = new Random();
        HttpLoad.Result result;
        Set<Integer> killed = new HashSet<>();
        try (HttpLoad load = HttpLoad.start(uri, 3, WORKER_NAME)) {
            for (int kill = 0; kill < 8; kill++) {
                load.awaitMore(100);
                List<Integer> running = new ArrayList<>();
                Poll.until("a worker to be RUNNING", () -> {
                    running.clear();
                    // a worker just killed may still show RUNNING until the daemon has reaped it
                    workers(rpc).stream().filter(w -> w.get("statename").equals("RUNNING"))
                            .map(w -> (Integer) w.get("pid")).filter(pid -> !killed.contains(pid))
                            .forEach(running::add);
                    return !running.isEmpty();
                });
                int victim = running.get(random.nextInt(running.size()));
                killed.add(victim);
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            }
            Poll.until("all four workers to run again", () -> workers(rpc).stream()
                    .allMatch(w -> w.get("statename").equals("RUNNING") && !killed.contains((Integer) w.get("pid"))));
            load.awaitMore(100);
            List<Integer> before = pids(rpc);
            rollingRestart(rpc, "cgi");
            List<Integer> after = pids(rpc);
            for (int i = 0; i < before.size(); i++) {
                assertNotEquals(before.get(i), after.get(i), "each worker was restarted");
            }
            load.awaitMore(100);
            // All at once, as `supervisorctl restart cgi:*` does. With no worker running the socket still
            // takes connections: nginx's requests wait in its queue until the new workers accept them.
            rpc.call("supervisor.stopProcessGroup", "cgi", true);
            try (SocketChannel probe = SocketChannel.open(pool)) {
                assertTrue(probe.isConnected());
            }
            rpc.call("supervisor.startProcessGroup", "cgi", true);
            load.awaitMore(100);
            result = load.stop();
        }
        assertEquals(List.of(), result.failures(), result.failed() + " of " + result.requests() + " requests failed;\n"
                + nginx.output());
        assertTrue(result.requests() >= 1100, result.requests() + " requests");
        assertEquals(8, daemon.count("exited: cgi_\\d \\(terminated by SIGKILL; not expected\\)"),
                String.join("\n", daemon.lines()));
        awaitEveryWorker(uri, WORKER_NAME, WORKERS);
    }

    /** Restarts {@code group}'s workers one after another, each RUNNING again before the next stops. */
    private static void rollingRestart(UnixRpc rpc, String group) throws Exception {
        List<?> results = (List<?>) rpc.call("jsupervisor.rollingRestart", group);
        assertEquals(workers(rpc).size(), results.size(), "one result per worker: " + results);
        for (Object result : results) {
            assertEquals(80, ((Map<?, ?>) result).get("status"), "every worker restarted: " + results);
        }
    }

    private static List<Map<?, ?>> workers(UnixRpc rpc) {
        try {
            List<Map<?, ?>> workers = new ArrayList<>();
            for (Object info : (List<?>) rpc.call("supervisor.getAllProcessInfo")) {
                workers.add((Map<?, ?>) info);
            }
            return workers;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Integer> pids(UnixRpc rpc) {
        return workers(rpc).stream().map(w -> (Integer) w.get("pid")).toList();
    }

    /** Requests {@code uri} until the bodies have named every one of {@code names}; every answer must be good. */
    private void awaitEveryWorker(URI uri, Predicate<String> expected, Set<String> names) throws InterruptedException {
        Set<String> seen = new TreeSet<>();
        try {
            Poll.until("every worker of " + names + " to answer " + uri, () -> {
                String body = HttpLoad.get(uri, expected);
                names.stream().filter(body::contains).forEach(seen::add);
                return seen.equals(names);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (answered: " + seen + ")\n" + nginx.output()
                    + "\n--- daemon:\n" + String.join("\n", daemon.lines()), e);
        }
    }

    /** nginx's worker user, named where it matters: root's nginx runs its workers as Debian's nobody. */
    private static String user() {
        return ROOT ? "user nobody nogroup;" : "";
    }

    /** Copies a file of examples/fcgi into the test's directory, replacing text that must be there. */
    private void copyExample(String name, Map<String, String> replacements) throws IOException {
        Path source = EXAMPLE.resolve(name);
        String text = Files.readString(source);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            assertTrue(text.contains(r.getKey()), source + " no longer contains " + r.getKey());
            text = text.replace(r.getKey(), r.getValue());
        }
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
    }
}
