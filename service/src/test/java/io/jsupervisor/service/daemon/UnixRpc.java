package io.jsupervisor.service.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * Test helper: XML-RPC straight over a daemon's {@code unix_http_server} socket, one HTTP/1.0 request
 * per connection, so a test sees the daemon's own answer with no client library in between. A call
 * that gets no answer in time fails instead of hanging the build.
 */
final class UnixRpc {
    /** The longest a call may take: {@code supervisor.stopProcessGroup} with wait answers once all have stopped. */
    static final long DEADLINE_MILLIS = 60_000;

    private final Path socket;

    UnixRpc(Path socket) {
        this.socket = socket;
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** POSTs {@code body} to {@code /RPC2} and reads the whole answer, waiting at most {@value #DEADLINE_MILLIS} ms. */
    Answer post(byte[] body) throws IOException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            byte[] head = ("POST /RPC2 HTTP/1.0\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (ByteBuffer rest : List.of(ByteBuffer.wrap(head), ByteBuffer.wrap(body))) {
                    while (rest.hasRemaining()) {
                        if (channel.write(rest) == 0) {
                            await(selector, deadline, "take the request");
                        }
                    }
                }
            } catch (IOException refusedEarly) {
                // the server may answer and close before taking a body it refuses
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
                    if (n == 0) {
                        await(selector, deadline, "answer");
                    }
                    all.write(buffer.array(), 0, buffer.position());
                }
            } catch (IOException reset) {
                // A server that closes with part of a refused body unread resets the connection: the
                // kernel hands over the queued answer first and reports the reset in place of end of file.
                if (all.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") < 0) {
                    throw reset;
                }
            }
            byte[] raw = all.toByteArray();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, Arrays.copyOfRange(raw, split + 4, raw.length));
        }
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            throw new AssertionError("the daemon did not " + what + " within " + DEADLINE_MILLIS + " ms");
        }
        selector.select(left);
        selector.selectedKeys().clear();
    }

    /** The value {@code method} returns; a fault is thrown as {@link XmlRpcFault}. */
    Object call(String method, Object... params) throws Exception {
        Answer answer = post(XmlRpcWriter.call(method, List.of(params)));
        assertEquals(200, answer.status(), answer.text());
        return XmlRpcReader.readResponse(new ByteArrayInputStream(answer.body()));
    }

    /** The fault {@code method} answers; fails the test if it answers a value. */
    XmlRpcFault fault(String method, Object... params) throws Exception {
        try {
            Object value = call(method, params);
            throw new AssertionError(method + " answered " + value + " instead of a fault");
        } catch (XmlRpcFault fault) {
            return fault;
        }
    }
}
