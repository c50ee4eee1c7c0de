package io.jsupervisor.service.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads log files for {@code readLog}, {@code readProcess*Log} and {@code tailProcess*Log} with
 * supervisord's offset rules. A negative offset with length 0 means the last bytes; a tail always
 * answers the last {@code min(length, size)} bytes unless the offset is at or past the end, with the
 * file size as the new offset and an overflow flag when the file outgrew {@code offset + length}.
 * Bytes that are not UTF-8 are replaced (supervisord fails the call instead).
 *
 * <p>Stateless; safe on any thread.
 */
final class LogReader {
    /** The most one call returns, so a huge log cannot exhaust the daemon's heap. */
    static final int MAX_READ = 16 * 1024 * 1024;

    private LogReader() {
    }

    static String read(Path file, int offset, int length) throws RpcError {
        if (length < 0 || (offset < 0 && length != 0)) {
            throw new RpcError(Fault.BAD_ARGUMENTS);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = offset < 0 ? Math.max(0, size + offset) : offset;
            long count = offset < 0 ? -(long) offset : length == 0 ? size - from : length;
            return text(channel, from, count, size);
        } catch (IOException e) {
            throw new RpcError(Fault.FAILED);
        }
    }

    /** {@code [data, newOffset, overflow]}; an unreadable file gives {@code ['', offset, false]}. */
    static List<Object> tail(Path file, int offset, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            boolean overflow = size > (long) offset + length;
            long start = offset;
            long count = length;
            if (overflow) {
                start = size - 1;
            }
            if (start + count > size) {
                if (start > size - 1) {
                    count = 0;
                }
                start = size - count;
            }
            start = Math.max(0, start);
            count = Math.max(0, count);
            String data = count == 0 ? "" : text(channel, start, count, size);
            return List.of(data, ProcessInfo.capped(size), overflow);
        } catch (IOException e) {
            return List.of("", offset, false);
        }
    }

    private static String text(FileChannel channel, long from, long count, long size) throws IOException {
        int wanted = (int) Math.max(0, Math.min(Math.min(count, size - from), MAX_READ));
        ByteBuffer data = ByteBuffer.allocate(wanted);
        while (data.hasRemaining() && channel.read(data, from + data.position()) > 0) {
            // keep reading until the range is in
        }
        return new String(data.array(), 0, data.position(), StandardCharsets.UTF_8);
    }
}
