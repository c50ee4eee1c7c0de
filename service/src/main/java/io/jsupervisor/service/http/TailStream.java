package io.jsupervisor.service.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One {@code tail -f} over HTTP, as supervisord's log tails behave: the last {@value #HEAD} bytes of a
 * file, then whatever is appended, looked for every {@value #POLL_MILLIS} ms, as chunked transfer
 * encoding. When the path names a new file (rotation) the new one is followed from its start; when
 * the file shrinks the client reads {@code ==> File truncated <==} and the file again from its start.
 * It ends when the client goes away, or when the server stops.
 *
 * <p>No thread waits for it: between looks a timer is pending, writes complete asynchronously and a
 * read interest on the connection notices the client closing it. {@link IteratingCallback} runs one
 * step at a time, so the file fields need no locking.
 */
final class TailStream extends IteratingCallback {
    /** How much of the existing file the client gets first. */
    static final int HEAD = 1024;
    static final long POLL_MILLIS = 100;
    private static final int CHUNK = 16 * 1024;
    private static final ByteBuffer TRUNCATED =
            ByteBuffer.wrap("==> File truncated <==\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private final Path file;
    private final Response response;
    private final Callback done;
    private final Scheduler scheduler;
    private final Executor executor;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private FileChannel channel;
    /** Identifies the file being followed (device and inode), to notice the path moving to another. */
    private Object fileKey;
    /** Where the next read starts; negative until the first look, which starts {@value #HEAD} bytes from the end. */
    private long position = -1;
    private boolean committed;
    private Scheduler.Task timer;

    private TailStream(Path file, Object fileKey, FileChannel channel, Request request, Response response,
                       Callback done) {
        this.file = file;
        this.fileKey = fileKey;
        this.channel = channel;
        this.response = response;
        this.done = done;
        this.scheduler = request.getComponents().getScheduler();
        this.executor = request.getComponents().getExecutor();
    }

    /**
     * Answers {@code request} with the tail of {@code file}, or 404 when there is no such file.
     *
     * @param proxyHint whether to ask reverse proxies not to buffer ({@code X-Accel-Buffering: no}),
     *     which supervisord sends for process logs only
     */
    static void follow(Path file, boolean proxyHint, Request request, Response response, Callback callback) {
        BasicFileAttributes attributes;
        FileChannel channel;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            channel = FileChannel.open(file);
        } catch (IOException e) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().putDate(HttpHeader.LAST_MODIFIED, attributes.lastModifiedTime().toMillis());
        if (proxyHint) {
            response.getHeaders().put("X-Accel-Buffering", "no");
        }
        TailStream stream = new TailStream(file, attributes.fileKey(), channel, request, response, callback);
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.setIdleTimeout(0); // a quiet log is no reason to hang up on the reader
        stream.watchForClose(endPoint, BufferUtil.allocate(64));
        stream.iterate();
    }

    @Override
    protected Action process() throws IOException {
        if (!committed) {
            committed = true; // the headers go out at once, before the file has anything new
            response.write(false, BufferUtil.EMPTY_BUFFER, this);
            return Action.SCHEDULED;
        }
        followRotation();
        long size = channel.size();
        if (position < 0) {
            position = Math.max(0, size - HEAD);
        }
        if (size < position) {
            position = 0;
            response.write(false, TRUNCATED.duplicate(), this);
            return Action.SCHEDULED;
        }
        if (size > position) {
            buffer.clear().limit((int) Math.min(CHUNK, size - position));
            int read = channel.read(buffer, position);
            if (read > 0) {
                position += read;
                response.write(false, buffer.flip(), this);
                return Action.SCHEDULED;
            }
        }
        timer = scheduler.schedule(() -> executor.execute(this::iterate), POLL_MILLIS, TimeUnit.MILLISECONDS);
        return Action.IDLE;
    }

    /** Switches to the file now at the path if it is another one; keeps the old one if none is there. */
    private void followRotation() throws IOException {
        Object key;
        FileChannel fresh;
        try {
            key = fileKey(file); // read before opening: a rotation in between is caught next time
            if (key.equals(fileKey)) {
                return;
            }
            fresh = FileChannel.open(file);
        } catch (NoSuchFileException removed) {
            return;
        }
        channel.close();
        channel = fresh;
        fileKey = key;
        position = 0;
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /**
     * Ends the stream when the client closes the connection. Nothing else reads the connection while
     * the response streams, so a readable end here is either stray bytes (dropped) or its end.
     */
    private void watchForClose(EndPoint endPoint, ByteBuffer scratch) {
        endPoint.tryFillInterested(Callback.from(() -> {
            try {
                int read;
                do {
                    BufferUtil.clear(scratch);
                    read = endPoint.fill(scratch);
                } while (read > 0);
                if (read < 0) {
                    abort(new EofException("the client closed the connection"));
                } else if (!isFailed()) {
                    watchForClose(endPoint, scratch);
                }
            } catch (IOException e) {
                abort(e);
            }
        }, this::abort));
    }

    @Override
    protected void onCompleted(Throwable causeOrNull) {
        if (timer != null) {
            timer.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing was lost
        }
        if (causeOrNull == null) {
            done.succeeded();
        } else {
            done.failed(causeOrNull);
        }
    }
}
