package io.jsupervisor.service.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.config.model.HttpServerConfig;
import org.slf4j.LoggerFactory;

/**
 * Test fixture: starts {@link HttpServers} over the test doubles ({@link CannedRpc}, {@link TestLogFiles},
 * a list of status rows, {@link RecordingLog}) and closes every one it started.
 */
final class TestServers implements AutoCloseable {
    static {
        // Jetty's debug lines would bury the test output (there is no logback configuration in tests).
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.WARN);
    }

    final RecordingLog log = new RecordingLog();
    final TestLogFiles logFiles = new TestLogFiles();
    final List<ProcessRow> rows = new CopyOnWriteArrayList<>();
    private final List<HttpServers> started = new ArrayList<>();

    HttpServers start(HttpServerConfig... configs) throws HttpServerException {
        HttpServers servers = new HttpServers(List.of(configs), new CannedRpc(), logFiles,
                () -> CompletableFuture.supplyAsync(() -> List.copyOf(rows)),
                (method, params) -> CompletableFuture.failedFuture(new RpcCalls.Fault("UNKNOWN_METHOD")), log);
        started.add(servers);
        servers.start();
        return servers;
    }

    static HttpServerConfig.Unix unix(String section, Path file) {
        return new HttpServerConfig.Unix(section, file, 0700, Optional.empty(), Optional.empty());
    }

    static HttpServerConfig.Unix unix(String section, Path file, Credentials credentials) {
        return new HttpServerConfig.Unix(section, file, 0700, Optional.empty(), Optional.of(credentials));
    }

    static HttpServerConfig.Inet inet(String section, int port) {
        return new HttpServerConfig.Inet(section, "127.0.0.1", port, Optional.empty());
    }

    static HttpServerConfig.Inet inet(String section, int port, Credentials credentials) {
        return new HttpServerConfig.Inet(section, "127.0.0.1", port, Optional.of(credentials));
    }

    static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The names in {@code dir}, to see that no temporary socket name is left. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        started.forEach(HttpServers::close);
    }
}
