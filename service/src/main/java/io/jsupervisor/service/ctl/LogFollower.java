package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import io.jsupervisor.config.syntax.PythonText;

/**
 * Follows a log that supervisord streams over HTTP ({@code /logtail/<name>/<channel>},
 * {@code /mainlogtail}) for {@code tail -f}, {@code maintail -f} and {@code fg}: one {@code GET} on
 * its own connection, each chunk of the answer printed as it arrives, until the server ends it or
 * {@link #stop()} is called. Problems are reported as supervisorctl's HTTP client reports them, as
 * the URL followed by {@code Cannot connect, error: ...} or {@code Cannot read, status code N}.
 *
 * <p>{@link #follow()} blocks the thread that calls it; {@link #stop()} may be called from any thread.
 */
final class LogFollower {
    /** Where the text and the problems go. */
    interface Sink {
        /** A piece of the log, decoded. */
        void text(String text);

        /** A problem, as one line for standard error. */
        void problem(String line);
    }

    private final String serverUrl;
    private final String path;
    private final Credentials credentials;
    private final Sink sink;
    private volatile boolean stopped;
    private volatile HttpConnection connection;

    LogFollower(String serverUrl, String path, Credentials credentials, Sink sink) {
        this.serverUrl = serverUrl;
        this.path = path;
        this.credentials = credentials;
        this.sink = sink;
    }

    /** Streams until the server closes the log or {@link #stop()} is called. */
    void follow() {
        String url = serverUrl + path;
        ServerAddress address = ServerAddress.of(serverUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", address.hostHeader());
        headers.put("Accept", "*/*");
        credentials.authorization().ifPresent(value -> headers.put("Authorization", value));
        try {
            connection = HttpConnection.open(address);
            if (stopped) {
                return;
            }
            connection.send("GET", path, headers, new byte[0]);
            HttpResponse head = connection.readHead();
            if (head.status() != 200) {
                sink.problem(url + " Cannot read, status code " + head.status());
                return;
            }
            connection.readBody(head, (data, length) -> sink.text(decode(data, length)));
        } catch (AsynchronousCloseException closedByStop) {
            // stop() closed the connection under the read
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                sink.problem(url + " Cannot connect, error: " + PythonErrors.type(e) + " (" + PythonErrors.text(e) + ")");
            }
        } finally {
            stop();
        }
    }

    /** Ends the stream; {@link #follow()} then returns. */
    void stop() {
        stopped = true;
        HttpConnection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // the stream is over either way
            }
        }
    }

    /** The chunk as text; bytes that are not UTF-8 are shown as Python shows undecodable data. */
    private static String decode(byte[] data, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, 0, length)).toString();
        } catch (CharacterCodingException e) {
            byte[] copy = new byte[length];
            System.arraycopy(data, 0, copy, 0, length);
            return "Undecodable: " + PythonText.bytesRepr(copy);
        }
    }
}
