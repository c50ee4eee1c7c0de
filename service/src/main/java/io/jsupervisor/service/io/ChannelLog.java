package io.jsupervisor.service.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.syntax.PythonText;
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
        ByteBuffer data = read;
        if (stripper.isPresent()) {
            data = stripper.get().strip(read);
        }
        if (log.enabled(LogLevel.DEBUG)) {
            log.log(LogLevel.DEBUG, PythonText.repr(processName) + " " + channel + " output:\n" + text(data.duplicate()));
        }
        if (syslog.isPresent()) {
            // As supervisord: each read is one record, sent line by line without its final newline.
            String text = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            for (String line : text.replaceAll("\n+$", "").split("\n", -1)) {
                syslog.get().accept(processName + " " + line);
            }
        }
        if (file.isEmpty()) {
            read.position(read.limit());
            return;
        }
        try {
            file.get().write(data);
            failing = false;
        } catch (IOException e) {
            read.position(read.limit());
            if (!failing) {
                failing = true;
                log.log(LogLevel.CRITICAL, "cannot write the " + channel + " log of " + processName + " to "
                        + file.get().path() + ": " + e.getMessage());
            }
        }
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

    private static String text(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "Undecodable: " + PythonText.bytesRepr(bytes);
        }
    }
}
