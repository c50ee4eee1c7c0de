package io.jsupervisor.service.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helper: a deliberately plain HTTP/1.1 client over a unix or TCP socket, so tests see exactly
 * what goes over the wire (status, headers, chunking, when the server hangs up). Every read waits at
 * most {@value #DEADLINE_MILLIS} ms, so a test fails instead of hanging.
 */
final class RawHttp implements AutoCloseable {
    static final long DEADLINE_MILLIS = 30_000;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

    /** A response as read: status, headers (names lowercase), and the body when it was read. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.selector = Selector.open();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    static RawHttp open(SocketAddress address) throws IOException {
        return new RawHttp(SocketChannel.open(address));
    }

    static RawHttp open(java.nio.file.Path socket) throws IOException {
        return open(UnixDomainSocketAddress.of(socket));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request with {@code Host: localhost} (and the given extra header lines) and reads the whole answer. */
    Response exchange(String method, String target, String body, String... headerLines) throws IOException {
        send(request(method, target, body, headerLines));
        return readResponse(!method.equals("HEAD"));
    }

    static String request(String method, String target, String body, String... headerLines) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return request.append("\r\n").append(body == null ? "" : body).toString();
    }

    void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] raw) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(raw);
        while (out.hasRemaining()) {
            channel.write(out); // small requests: the socket buffer takes them at once
        }
    }

    /** Reads the status line and headers, and the body too when {@code withBody} and it is not chunked forever. */
    Response readResponse(boolean withBody) throws IOException {
        Response head = readHead();
        if (!withBody) {
            return head;
        }
        String length = head.header("content-length");
        byte[] body;
        if (length != null) {
            body = readExactly(Integer.parseInt(length));
        } else if ("chunked".equals(head.header("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk;
            while ((chunk = readChunk()) != null) {
                all.writeBytes(chunk);
            }
            body = all.toByteArray();
        } else {
            body = readToEnd();
        }
        return new Response(head.status(), head.headers(), body);
    }

    /** Reads the status line and headers only: the body is left to {@link #readChunk()}. */
    Response readHead() throws IOException {
        String status = readLine();
        Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
    }

    /**
     * The next chunk of a chunked body; null after the last. The line end that closes a chunk is read
     * with the next chunk's size: Jetty sends it then, so a chunk is whole before it arrives.
     */
    byte[] readChunk() throws IOException {
        String size = readLine();
        if (size.isEmpty()) {
            size = readLine();
        }
        int length = Integer.parseInt(size.trim(), 16);
        if (length == 0) {
            readLine();
            return null;
        }
        return readExactly(length);
    }

    /** Whether the server has closed the connection: waits for its end, failing if data comes instead. */
    boolean awaitClosed() throws IOException {
        try {
            byte[] rest = readToEnd();
            return rest.length == 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte();
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = readByte();
            if (b < 0) {
                throw new IOException("connection closed after " + i + " of " + n + " bytes");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int b;
        while ((b = readByte()) >= 0) {
            all.write(b);
        }
        return all.toByteArray();
    }

    private int readByte() throws IOException {
        if (!in.hasRemaining() && !fill()) {
            return -1;
        }
        return in.get() & 0xff;
    }

    /** Reads more, waiting up to the deadline; false at the end of the stream. */
    private boolean fill() throws IOException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        in.compact();
        try {
            while (true) {
                int n = channel.read(in);
                if (n < 0) {
                    return false;
                }
                if (n > 0) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no data from the server within " + DEADLINE_MILLIS + " ms");
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
        } finally {
            in.flip();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
