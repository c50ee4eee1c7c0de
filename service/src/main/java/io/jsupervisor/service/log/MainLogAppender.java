package io.jsupervisor.service.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.io.RotatingLogFile;

/**
 * Writes log events in supervisord's main-log format, {@code 2026-11-22 12:00:00,123 INFO text},
 * to the main log file (rotated as supervisord rotates it) and, in the foreground, to stdout.
 * Events below the configured {@code loglevel} are dropped, using supervisord's level numbers.
 *
 * <p>Thread-safe: Logback serialises calls to {@link #append}; {@link #reopen} takes the same lock.
 */
public final class MainLogAppender extends AppenderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private final Optional<RotatingLogFile> file;
    private final Optional<Consumer<String>> syslog;
    private final Optional<PrintStream> echo;
    private final LogLevel threshold;

    /**
     * @param file the main log file, or empty for {@code logfile=syslog}
     * @param syslog where each line goes for {@code logfile=syslog}
     */
    public MainLogAppender(Optional<RotatingLogFile> file, Optional<Consumer<String>> syslog,
                           Optional<PrintStream> echo, LogLevel threshold) {
        this.file = file;
        this.syslog = syslog;
        this.echo = echo;
        this.threshold = threshold;
        setName("supervisord");
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogLevel level = levelOf(event);
        if (level.number() < threshold.number()) {
            return;
        }
        String prefix = TIME.format(Instant.ofEpochMilli(event.getTimeStamp())) + " " + level.code() + " ";
        String line = prefix + event.getFormattedMessage() + "\n";
        syslog.ifPresent(send -> {
            for (String part : event.getFormattedMessage().replaceAll("\n+$", "").split("\n", -1)) {
                send.accept(prefix + part);
            }
        });
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (file.isPresent()) {
            try {
                file.get().write(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                addError("cannot write the main log " + file.get().path(), e);
            }
        }
        echo.ifPresent(out -> {
            out.write(bytes, 0, bytes.length);
            out.flush();
        });
    }

    /** Closes and reopens the main log file (SIGUSR2). */
    public synchronized void reopen() throws IOException {
        if (file.isPresent()) {
            file.get().reopen();
        }
    }

    /** Deletes the main log file and starts it again empty. */
    public synchronized void clear() throws IOException {
        if (file.isPresent()) {
            file.get().clear();
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        file.ifPresent(f -> {
            try {
                f.close();
            } catch (IOException e) {
                addError("cannot close the main log", e);
            }
        });
    }

    static LogLevel levelOf(ILoggingEvent event) {
        boolean critical = event.getMarkerList() != null && event.getMarkerList().contains(MainLog.CRITICAL);
        boolean blather = event.getMarkerList() != null && event.getMarkerList().contains(MainLog.BLATHER);
        Level level = event.getLevel();
        if (level == Level.ERROR) {
            return critical ? LogLevel.CRITICAL : LogLevel.ERROR;
        }
        if (level == Level.WARN) {
            return LogLevel.WARN;
        }
        if (level == Level.INFO) {
            return LogLevel.INFO;
        }
        if (level == Level.DEBUG) {
            return LogLevel.DEBUG;
        }
        return blather ? LogLevel.BLATHER : LogLevel.TRACE;
    }
}
