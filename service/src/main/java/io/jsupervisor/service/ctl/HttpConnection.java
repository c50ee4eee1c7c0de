package io.jsupervisor.service.ctl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 client connection to supervisord, over a unix socket or TCP: sends requests and
 * reads responses whose bodies come with a length, in chunks, or until the server closes.
 *
 * <p>Used by one thread at a time, except {@link #close()}, which any thread may call to end a
 * blocked read (that read then fails with an {@link java.nio.channels.AsynchronousCloseException}).
 */
final class HttpConnection implements Closeable {
    /** Longer status or header lines than this are refused rather than buffered. */
    private static final int MAX_LINE = 64 * 1024;

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
        this.out = Channels.newOutputStream(channel);
    }

    static HttpConnection open(ServerAddress address) throws IOException {
        return new HttpConnection(address.connect());
    }

    /** Receives a response body piece by piece, as it arrives. */
    interface BodySink {
        void accept(byte[] data, int length) throws IOException;
    }

    /** Sends one request; {@code Content-Length} is added when there is a body. */
    void send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
    }

    /**
     * Reads a response's status line and headers.
     *
     * @throws EOFException if the server closed the connection before sending anything
     */
    HttpResponse readHead() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new ProtocolException("not an HTTP status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an HTTP status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return new HttpResponse(parts[0], status, parts.length > 2 ? parts[2] : "", headers);
    }

    /** Reads the whole body of the response whose head was just read. */
    byte[] readBody(HttpResponse head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        readBody(head, (data, length) -> body.write(data, 0, length));
        return body.toByteArray();
    }

    /** Reads the body of the response whose head was just read, handing each chunk or read to {@code sink}. */
    void readBody(HttpResponse head, BodySink sink) throws IOException {
        if (head.chunked()) {
            readChunks(sink);
            return;
        }
        long remaining = head.header("content-length").map(HttpConnection::length).orElse(-1L);
        byte[] buffer = new byte[16 * 1024];
        while (remaining != 0) {
            int n = in.read(buffer, 0, remaining < 0 ? buffer.length : (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                if (remaining > 0) {
                    throw new EOFException("the server closed the connection " + remaining + " bytes before the end");
                }
                return;
            }
            remaining -= remaining < 0 ? 0 : n;
            sink.accept(buffer, n);
        }
    }

    private void readChunks(BodySink sink) throws IOException {
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("the server closed the connection inside a chunked body");
            }
            if (sizeLine.isEmpty()) {
                continue;
            }
            int size = chunkSize(sizeLine);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing supervisorctl uses
                }
                return;
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("the server closed the connection inside a chunk");
            }
            sink.accept(chunk, size);
        }
    }

    private static int chunkSize(String line) throws ProtocolException {
        String hex = line.split("[; \t]", 2)[0];
        try {
            int size = Integer.parseInt(hex, 16);
            if (size < 0) {
                throw new NumberFormatException(hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad chunk size line: " + line);
        }
    }

    private static long length(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One line without its CRLF (or bare LF), or null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolException("an HTTP line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        if (line.length() > 0) {
            throw new EOFException("the server closed the connection inside a line");
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
