package io.jsupervisor.service.http;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.FileSystemException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import io.jsupervisor.config.model.HttpServerConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The daemon's HTTP servers: one per {@code [unix_http_server]} and {@code [inet_http_server]}
 * section (prefixed ones such as {@code [inet_http_server:second]} included), each with its own
 * credentials, all serving XML-RPC on {@code /RPC2}, log tails on {@code /logtail/<name>} and
 * {@code /mainlogtail}, and a status page on {@code /}, as supervisord 4.2 serves them.
 *
 * <p>They share one Jetty server and its few threads: {@value #SPARE_THREADS} workers plus one
 * selector thread per server (connections are accepted by the selectors, not by threads of their
 * own) and one timer thread, all named {@code jsupervisor-http-*}. Handlers never block, so a slow
 * client or a slow supervisor holds no thread.
 *
 * <p>{@link #start} (once) and {@link #close} are called by one thread, the daemon's.
 */
public final class HttpServers implements AutoCloseable {
    /** supervisord's listen backlog. */
    private static final int BACKLOG = 1024;
    /** Threads beyond the selectors: enough for requests in flight, few enough for a small daemon. */
    private static final int SPARE_THREADS = 8;
    /**
     * How long an idle connection stays open: supervisord's HTTP server drops connections idle for
     * 30 minutes; long-lived clients (event listeners holding one XML-RPC connection) rely on it.
     */
    private static final long IDLE_TIMEOUT_MILLIS = 30 * 60 * 1000;
    /** How long closing waits for answers still being written (a shutdown's own, typically). */
    private static final long ANSWER_WAIT_MILLIS = 5_000;
    /** Buffers kept for reuse, per kind (heap and direct). */
    private static final long POOLED_BYTES = 1024 * 1024;

    /** The system's texts for the errors binding can meet, and how supervisord (Python) names them. */
    private static final Map<String, String> ERRNO_NAMES = Map.of(
            "Permission denied", "errno.EACCES (13)",
            "Cannot assign requested address", "errno.EADDRNOTAVAIL (99)",
            "No such file or directory", "errno.ENOENT (2)",
            "Not a directory", "errno.ENOTDIR (20)",
            "Read-only file system", "errno.EROFS (30)",
            "Operation not permitted", "errno.EPERM (1)");

    private final List<HttpServerConfig> configs;
    private final RpcService rpc;
    private final LogFiles logFiles;
    private final Supplier<CompletableFuture<List<ProcessRow>>> rows;
    private final RpcCalls methods;
    private final SupervisorLog log;
    /** What the dashboard's actions must carry: a secret for the life of these servers. */
    private final String dashboardToken = newToken();
    private final List<UnixSocketFile> socketFiles = new ArrayList<>();
    private final CallsInFlight calls = new CallsInFlight();
    /** Built by {@link #start}, so a configuration without servers loads no Jetty at all. */
    private Server server;

    /**
     * @param rows the dashboard page's plain lines, asked for on every page view
     * @param calls the XML-RPC methods in-process, for the dashboard's JSON API
     * @param log the main log: startup warnings and request failures
     */
    public HttpServers(List<HttpServerConfig> configs, RpcService rpc, LogFiles logFiles,
                       Supplier<CompletableFuture<List<ProcessRow>>> rows, RpcCalls calls, SupervisorLog log) {
        this.configs = List.copyOf(configs);
        this.rpc = rpc;
        this.logFiles = logFiles;
        this.rows = rows;
        this.methods = calls;
        this.log = log;
    }

    private Server build() {
        QueuedThreadPool threads = new QueuedThreadPool(configs.size() + SPARE_THREADS, 2);
        threads.setName("jsupervisor-http");
        threads.setReservedThreads(0);
        threads.setDaemon(true);
        Server jetty = new Server(threads, new ScheduledExecutorScheduler("jsupervisor-http-timer", true),
                new ArrayByteBufferPool(0, -1, -1, -1, POOLED_BYTES, POOLED_BYTES));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // supervisorctl's tail -f writes a process name outside ASCII into the request line as raw UTF-8.
        http.setUriCompliance(
                UriCompliance.DEFAULT.with("supervisorctl", UriCompliance.Violation.ILLEGAL_PATH_CHARACTERS));
        // What a request without a Host header is taken to name (a unix socket's path is no host name).
        http.setServerAuthority(new HostPort("localhost"));
        Map<Connector, Optional<BasicAuth>> guards = new HashMap<>();
        for (HttpServerConfig config : configs) {
            Connector connector = connector(jetty, config, new EmptyHostTolerantFactory(http));
            jetty.addConnector(connector);
            guards.put(connector, config.credentials().map(BasicAuth::new));
        }
        jetty.setErrorHandler(new ErrorPage());
        jetty.setHandler(new Routes(guards, new RpcEndpoint(rpc, log, calls), new ProcessLogTail(logFiles, log),
                new MainLogTail(logFiles), new DashboardApi(methods, dashboardToken, log),
                new DashboardPage(rows, dashboardToken, log)));
        return jetty;
    }

    private static String newToken() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private AbstractConnector connector(Server jetty, HttpServerConfig config, EmptyHostTolerantFactory http) {
        AbstractConnector connector;
        if (config instanceof HttpServerConfig.Unix) {
            HttpServerConfig.Unix unix = (HttpServerConfig.Unix) config;
            UnixSocketFile file = new UnixSocketFile(unix.file(), unix.chmod(), unix.chown(), log);
            socketFiles.add(file);
            UnixDomainServerConnector domain = new UnixDomainServerConnector(jetty, 0, 1, http);
            domain.setUnixDomainPath(file.temporaryName());
            domain.setAcceptQueueSize(BACKLOG);
            connector = domain;
        } else {
            HttpServerConfig.Inet inet = (HttpServerConfig.Inet) config;
            ServerConnector tcp = new ServerConnector(jetty, 0, 1, http);
            tcp.setHost(inet.host().isEmpty() ? null : inet.host()); // null: every interface
            tcp.setPort(inet.port());
            tcp.setAcceptQueueSize(BACKLOG);
            connector = tcp;
        }
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return connector;
    }

    /**
     * Binds every configured server and starts serving; nothing to do when none is configured.
     *
     * @throws HttpServerException with supervisord's words, e.g. that another program is already
     *     listening; every server is closed again
     */
    public void start() throws HttpServerException {
        if (configs.isEmpty()) {
            return;
        }
        server = build();
        try {
            for (UnixSocketFile file : socketFiles) {
                file.prepare();
            }
            server.start();
            for (UnixSocketFile file : socketFiles) {
                file.publish(server.getScheduler());
            }
        } catch (HttpServerException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new HttpServerException(explain(e), e);
        }
        for (HttpServerConfig config : configs) {
            if (config.credentials().isEmpty()) {
                log.log(LogLevel.CRITICAL,
                        "Server '" + config.section() + "' running without any HTTP authentication checking");
            }
        }
    }

    /** Stops every server, ending streams in progress, and removes the socket files it created. */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            calls.awaitNone(ANSWER_WAIT_MILLIS);
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.log(LogLevel.WARN, "HTTP servers did not stop cleanly: " + e);
        }
        for (UnixSocketFile file : socketFiles) {
            try {
                file.remove();
            } catch (IOException e) {
                log.log(LogLevel.WARN, "cannot remove the socket file: " + e.getMessage());
            }
        }
    }

    /**
     * supervisord's message for a server that could not be opened: the system's reason, by its errno
     * name when it is one of those binding meets.
     */
    private static String explain(Exception failure) {
        String reason = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException) {
                reason = cause.getMessage();
                break;
            }
            if (cause instanceof FileSystemException) {
                reason = ((FileSystemException) cause).getReason();
                break;
            }
        }
        if ("Address already in use".equals(reason)) {
            return UnixSocketFile.ADDRESS_IN_USE;
        }
        return "Cannot open an HTTP server: socket.error reported " + ERRNO_NAMES.getOrDefault(reason, reason);
    }
}
