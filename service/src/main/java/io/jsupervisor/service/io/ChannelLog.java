package io.jsupervisor.service.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.event.ChildText;
import io.jsupervisor.service.process.SupervisorLog;

/**
 * One output channel of one process: its bytes go to the channel's log file (if it has one), and at
 * {@code loglevel=debug} also to the main log as supervisord echoes them
 * ({@code 'web' stdout output:} then the text, or {@code Undecodable: b'...'}). The file stays open
 * from one run of the process to the next.
 *
 * <p>Used on the I/O thread.
 */
public final class ChannelLog implements OutputSink, AutoCloseable {
    private final String processName;
    private final String channel;
    private final Optional<RotatingLogFile> file;
    private final SupervisorLog log;
    private final Optional<AnsiStripper> stripper;
    private final Optional<Consumer<String>> syslog;
    private boolean failing;

    /**
     * @param stripAnsi whether to remove ANSI escape sequences ({@code strip_ansi=true})
     * @param syslog where to send each line as {@code <process> <line>} ({@code *_syslog=true})
     */
    public ChannelLog(String processName, String channel, Optional<RotatingLogFile> file, SupervisorLog log,
                      boolean stripAnsi, Optional<Consumer<String>> syslog) {
        this.processName = processName;
        this.channel = channel;
        this.file = file;
        this.log = log;
        this.stripper = stripAnsi ? Optional.of(new AnsiStripper()) : Optional.empty();
        this.syslog = syslog;
    }

    @Override
    public void write(ByteBuffer read) {
        ByteBuffer data = strip(read);
        echo(data);
        keep(data);
        read.position(read.limit());
    }

    /** {@code data} without ANSI escape sequences when {@code strip_ansi=true}, else {@code data} itself. */
    public ByteBuffer strip(ByteBuffer data) {
        return stripper.isPresent() ? stripper.get().strip(data) : data;
    }

    /**
     * At {@code loglevel=debug}, copies output to the main log as supervisord does:
     * {@code 'web' stdout output:} and the text, or {@code Undecodable: b'...'}. Leaves {@code data} as it is.
     */
    public void echo(ByteBuffer data) {
        if (log.enabled(LogLevel.DEBUG)) {
            log.log(LogLevel.DEBUG, header() + ChildText.of(bytes(data)));
        }
    }

    /**
     * At {@code loglevel=debug}, copies an event listener's protocol output to the main log as
     * supervisord does, as a Python bytes literal ({@code b'READY\n'}). Leaves {@code data} as it is.
     */
    public void echoAsBytes(ByteBuffer data) {
        if (log.enabled(LogLevel.DEBUG)) {
            log.log(LogLevel.DEBUG, header() + PythonText.bytesRepr(bytes(data)));
        }
    }

    /** Writes {@code data} to syslog (with {@code *_syslog=true}) and to the log file; consumes it. */
    public void keep(ByteBuffer data) {
        if (syslog.isPresent()) {
            // As supervisord: each read is one record, sent line by line without its final newline.
            String text = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            for (String line : text.replaceAll("\n+$", "").split("\n", -1)) {
                syslog.get().accept(processName + " " + line);
            }
        }
        writeFile(data);
    }

    /** Writes {@code data} to the log file only; consumes it. */
    public void writeFile(ByteBuffer data) {
        if (file.isEmpty()) {
            data.position(data.limit());
            return;
        }
        try {
            file.get().write(data);
            failing = false;
        } catch (IOException e) {
            data.position(data.limit());
            if (!failing) {
                failing = true;
                log.log(LogLevel.CRITICAL, "cannot write the " + channel + " log of " + processName + " to "
                        + file.get().path() + ": " + e.getMessage());
            }
        }
    }

    private String header() {
        return PythonText.repr(processName) + " " + channel + " output:\n";
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public void closed() {
        // The pipe of one run ended; the file serves the next run too.
    }

    /** The file this channel is written to, if any. Thread-safe. */
    public Optional<Path> path() {
        return file.map(RotatingLogFile::path);
    }

    /** Deletes the log file and starts it again empty ({@code clearProcessLogs}); backups are kept. */
    public void clear() throws IOException {
        if (file.isPresent()) {
            file.get().clear();
        }
    }

    /** Closes and reopens the log file (SIGUSR2). */
    public void reopen() throws IOException {
        if (file.isPresent()) {
            file.get().reopen();
        }
    }

    @Override
    public void close() throws IOException {
        if (file.isPresent()) {
            file.get().close();
        }
    }
}
