package io.jsupervisor.service.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * Test helper: XML-RPC to a daemon over its {@code [unix_http_server]} socket, one HTTP/1.0
 * connection per call (the answer ends with the connection), with nothing between the test and the
 * bytes on the wire.
 */
final class UnixRpc {
    private final Path socket;

    UnixRpc(Path socket) {
        this.socket = socket;
    }

    /** An HTTP answer: its status and body. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** POSTs {@code body} to /RPC2 and reads the whole answer. */
    Answer post(byte[] body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] head = ("POST /RPC2 HTTP/1.0\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            channel.write(ByteBuffer.wrap(head));
            try {
                for (ByteBuffer rest = ByteBuffer.wrap(body); rest.hasRemaining(); ) {
                    channel.write(rest);
                }
            } catch (IOException refusedEarly) {
                // the server may answer and close before taking a body it refuses
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer.clear()) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
            }
            byte[] raw = all.toByteArray();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, Arrays.copyOfRange(raw, split + 4, raw.length));
        }
    }

    /**
     * Calls {@code method}; returns its value.
     *
     * @throws io.jsupervisor.service.xmlrpc.XmlRpcFault when the daemon answers with a fault
     */
    Object call(String method, Object... params) throws Exception {
        Answer answer = post(XmlRpcWriter.call(method, List.of(params)));
        assertEquals(200, answer.status(), answer.text());
        return XmlRpcReader.readResponse(new ByteArrayInputStream(answer.body()));
    }
}
