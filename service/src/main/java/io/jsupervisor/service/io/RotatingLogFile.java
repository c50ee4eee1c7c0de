package io.jsupervisor.service.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file written exactly as supervisord writes one: bytes appended as they come, and after a
 * write that leaves it at {@code maxbytes} or more, rolled over: {@code f.N-1} to {@code f.N} ...
 * {@code f} to {@code f.1}, and {@code f} started empty ({@code backups=0} just empties it).
 * {@code maxbytes=0} never rolls over; neither does a file that is not a regular file (such as
 * {@code /dev/stdout}), where supervisord would fail with "Illegal seek".
 *
 * <p>Used by one thread at a time (the I/O thread); not thread-safe.
 */
public final class RotatingLogFile implements AutoCloseable {
    private final Path path;
    private final long maxbytes;
    private final int backups;
    private FileChannel channel;
    private boolean regular;

    public RotatingLogFile(Path path, long maxbytes, int backups) {
        this.path = path;
        this.maxbytes = maxbytes;
        this.backups = backups;
    }

    public Path path() {
        return path;
    }

    /** Writes all of {@code data}, then rolls over if the file has reached {@code maxbytes}. */
    public void write(ByteBuffer data) throws IOException {
        if (channel == null) {
            open();
        }
        while (data.hasRemaining()) {
            channel.write(data);
        }
        if (regular && maxbytes > 0 && channel.size() >= maxbytes) {
            rollOver();
        }
    }

    /** Deletes the file and opens it again, empty. */
    public void clear() throws IOException {
        close();
        Files.deleteIfExists(path);
        open();
    }

    /** Closes and opens the file again, for log rotation done by another program (SIGUSR2). */
    public void reopen() throws IOException {
        close();
        open();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void open() throws IOException {
        regular = Files.isRegularFile(path) || !Files.exists(path);
        channel = regular
                ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(path, StandardOpenOption.WRITE);
    }

    private void rollOver() throws IOException {
        channel.close();
        channel = null;
        if (backups > 0) {
            for (int i = backups - 1; i > 0; i--) {
                Path from = numbered(i);
                if (Files.exists(from)) {
                    Files.move(from, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private Path numbered(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
