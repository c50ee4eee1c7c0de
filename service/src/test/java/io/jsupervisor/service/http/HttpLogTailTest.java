package io.jsupervisor.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsupervisor.config.testing.Poll;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /logtail} and {@code /mainlogtail}: following files as they grow, rotate and shrink. */
@Timeout(120)
class HttpLogTailTest {
    @TempDir
    Path dir;
    private final TestServers servers = new TestServers();
    private Path socket;
    private Path stdout;
    private Path stderr;

    @BeforeEach
    void startServer() throws Exception {
        socket = dir.resolve("supervisor.sock");
        stdout = dir.resolve("web-stdout.log");
        stderr = dir.resolve("web-stderr.log");
        Files.writeString(stdout, "");
        Files.writeString(stderr, "");
        servers.logFiles.add("web", "stdout", Optional.of(stdout)).add("web", "stderr", Optional.of(stderr))
                .add("quiet", "stdout", Optional.empty())
                .add("fresh", "stdout", Optional.of(dir.resolve("not-written-yet.log")))
                .add("ünï:cödé", "stdout", Optional.of(stdout));
        servers.start(TestServers.unix("unix_http_server", socket));
    }

    @AfterEach
    void closeServer() {
        servers.close();
    }

    private TailReader tail(String path, RawHttp.Response[] head) throws IOException {
        RawHttp client = RawHttp.open(socket);
        client.send(RawHttp.request("GET", path, null));
        head[0] = client.readHead();
        assertEquals(200, head[0].status());
        return new TailReader(client);
    }

    private TailReader tail(String path) throws IOException {
        return tail(path, new RawHttp.Response[1]);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    @Test
    void startsWithTheLast1024BytesThenFollowsGrowth() throws Exception {
        String old = "x".repeat(2000) + "y".repeat(1024);
        Files.writeString(stdout, old);
        RawHttp.Response[] head = new RawHttp.Response[1];
        try (TailReader reader = tail("/logtail/web", head)) {
            assertEquals("y".repeat(1024), reader.awaitEndsWith("y".repeat(1024)));
            append(stdout, "line one\n");
            reader.awaitEndsWith("line one\n");
            append(stdout, "line two\n");
            assertEquals("y".repeat(1024) + "line one\nline two\n", reader.awaitEndsWith("line two\n"));
        }
        assertEquals("text/plain;charset=utf-8", head[0].header("Content-Type"));
        assertEquals("chunked", head[0].header("Transfer-Encoding"));
        assertEquals("no", head[0].header("X-Accel-Buffering"));
        ZonedDateTime.parse(head[0].header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    @Test
    void smallFileIsSentWhole() throws Exception {
        Files.writeString(stdout, "short\n");
        try (TailReader reader = tail("/logtail/web/stdout")) {
            assertEquals("short\n", reader.awaitEndsWith("short\n"));
        }
    }

    @Test
    void headersArriveBeforeTheFileHasAnything() throws Exception {
        // tail() reads the status line and headers of an empty file's tail, or times out.
        try (TailReader reader = tail("/logtail/web")) {
            append(stdout, "first\n");
            assertEquals("first\n", reader.awaitEndsWith("first\n"));
        }
    }

    @Test
    void stderrChannelFollowsItsOwnFile() throws Exception {
        Files.writeString(stdout, "out\n");
        Files.writeString(stderr, "err\n");
        try (TailReader reader = tail("/logtail/web/stderr")) {
            assertEquals("err\n", reader.awaitEndsWith("err\n"));
        }
    }

    @Test
    void rotationSwitchesToTheNewFileFromItsStart() throws Exception {
        Files.writeString(stdout, "before rotation\n");
        try (TailReader reader = tail("/logtail/web")) {
            reader.awaitEndsWith("before rotation\n");
            Files.move(stdout, dir.resolve("web-stdout.log.1"));
            append(dir.resolve("web-stdout.log.1"), "late line in the old file\n");
            Files.writeString(stdout, "new file\n");
            String all = reader.awaitEndsWith("new file\n");
            append(stdout, "more\n");
            reader.awaitEndsWith("new file\nmore\n");
            assertTrue(all.startsWith("before rotation\n"), all);
        }
    }

    @Test
    void truncationIsAnnouncedAndTheFileFollowedFromItsStart() throws Exception {
        Files.writeString(stdout, "a long first life of the file\n");
        try (TailReader reader = tail("/logtail/web")) {
            reader.awaitEndsWith("a long first life of the file\n");
            Files.writeString(stdout, "again\n"); // shorter than before: truncated in place
            assertEquals("a long first life of the file\n==> File truncated <==\nagain\n",
                    reader.awaitEndsWith("==> File truncated <==\nagain\n"));
        }
    }

    @Test
    void fileRemovedWhileFollowedKeepsTheStreamOpen() throws Exception {
        Files.writeString(stdout, "still here\n");
        try (TailReader reader = tail("/logtail/web")) {
            reader.awaitEndsWith("still here\n");
            Files.delete(stdout);
            Files.writeString(stdout, "back\n");
            reader.awaitEndsWith("back\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/logtail/ghost", "/logtail/ghost/stdout", "/logtail/quiet", "/logtail/fresh",
            "/logtail/web/stdin", "/logtail/web/stdout/more", "/logtail", "/logtailweb", "/logtail/"})
    void unknownProcessOrMissingFileGets404(String path) throws Exception {
        try (RawHttp client = RawHttp.open(socket)) {
            assertEquals(404, client.exchange("GET", path, null).status());
        }
    }

    @Test
    void tailsAcceptOnlyGet() throws Exception {
        try (RawHttp client = RawHttp.open(socket)) {
            assertEquals(400, client.exchange("POST", "/logtail/web", "").status());
            assertEquals(400, client.exchange("HEAD", "/mainlogtail", null).status());
        }
    }

    @Test
    void namesOutsideAsciiArePercentDecoded() throws Exception {
        Files.writeString(stdout, "unicode\n");
        String encoded = URLEncoder.encode("ünï:cödé", StandardCharsets.UTF_8);
        try (TailReader reader = tail("/logtail/" + encoded + "/stdout")) {
            assertEquals("unicode\n", reader.awaitEndsWith("unicode\n"));
        }
    }

    @Test
    void namesOutsideAsciiMayBeSentRaw() throws Exception {
        // supervisorctl's own client puts the name into the request line as UTF-8, unencoded.
        Files.writeString(stdout, "raw\n");
        try (TailReader reader = tail("/logtail/ünï:cödé/stdout")) {
            assertEquals("raw\n", reader.awaitEndsWith("raw\n"));
        }
    }

    @Test
    void mainLogTailHasNoProxyHint() throws Exception {
        Path mainLog = dir.resolve("supervisord.log");
        Files.writeString(mainLog, "2026-01-01 00:00:00,000 INFO supervisord started\n");
        servers.logFiles.mainLog(mainLog);
        RawHttp.Response[] head = new RawHttp.Response[1];
        try (TailReader reader = tail("/mainlogtail", head)) {
            reader.awaitEndsWith("supervisord started\n");
            append(mainLog, "next\n");
            reader.awaitEndsWith("started\nnext\n");
        }
        assertEquals("text/plain;charset=utf-8", head[0].header("Content-Type"));
        assertNull(head[0].header("X-Accel-Buffering"));
    }

    @Test
    void clientGoingAwayClosesTheFile() throws Exception {
        Files.writeString(stdout, "watched\n");
        TailReader reader = tail("/logtail/web");
        reader.awaitEndsWith("watched\n");
        Poll.until("the server has the log open", () -> OpenFiles.count(stdout) == 1);

        reader.close(); // the log stays quiet: only the closed connection can tell the server

        Poll.until("the server closes the log", () -> OpenFiles.count(stdout) == 0);
    }

    @Test
    void closingTheServersEndsTheStreamsAndClosesTheFiles() throws Exception {
        Files.writeString(stdout, "watched\n");
        try (TailReader reader = tail("/logtail/web")) {
            reader.awaitEndsWith("watched\n");
            servers.close();
            reader.awaitEnd();
            Poll.until("the server closes the log", () -> OpenFiles.count(stdout) == 0);
        }
    }

    @Test
    void manyTailsHoldNoThreads() throws Exception {
        Files.writeString(stdout, "shared\n");
        List<TailReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                readers.add(tail("/logtail/web"));
            }
            for (TailReader reader : readers) {
                reader.awaitEndsWith("shared\n");
            }
            assertTrue(HttpServersTest.httpThreads().size() <= 1 + 8 + 1, HttpServersTest.httpThreads().toString());
            append(stdout, "to all\n");
            for (TailReader reader : readers) {
                reader.awaitEndsWith("shared\nto all\n");
            }
        } finally {
            for (TailReader reader : readers) {
                reader.close();
            }
        }
    }
}
