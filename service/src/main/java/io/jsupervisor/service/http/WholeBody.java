package io.jsupervisor.service.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a response body held whole in memory (an XML-RPC answer, the status page) with its
 * {@code Content-Length}, in slices. A socket write of a heap buffer goes through a temporary
 * direct buffer that the JDK keeps per thread at the largest size seen: slices keep that small
 * (a 500-process {@code getAllProcessInfo} answer is ~300 KB, times every HTTP thread).
 *
 * <p>Stateless and thread-safe.
 */
final class WholeBody {
    private static final int SLICE = 16 * 1024;

    private WholeBody() {
    }

    static void send(byte[] body, String contentType, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        ByteBuffer[] slices = new ByteBuffer[Math.max(1, (body.length + SLICE - 1) / SLICE)];
        for (int i = 0; i < slices.length; i++) {
            int offset = i * SLICE;
            slices[i] = ByteBuffer.wrap(body, offset, Math.min(SLICE, body.length - offset)).slice();
        }
        Content.copy(Content.Source.from(slices), response, callback);
    }
}
