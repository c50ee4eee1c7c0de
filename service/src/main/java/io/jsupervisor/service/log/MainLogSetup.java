package io.jsupervisor.service.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.SupervisordConfig;
import io.jsupervisor.service.io.RotatingLogFile;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at the supervisor's main log as {@code [supervisord]} configures it, behind a queue so
 * that logging never waits for the disk: the log file
 * (with supervisord's rotation), the level, and the echo to stdout in the foreground unless
 * {@code silent}. Libraries' own loggers are kept at INFO so {@code loglevel=debug} shows the
 * supervisor's detail without theirs.
 *
 * <p>Call from one thread at start-up (and after a restart).
 */
public final class MainLogSetup {
    private MainLogSetup() {
    }

    /** Lines that may wait to be written before a thread that logs has to wait for the disk. */
    private static final int QUEUE_SIZE = 8192;

    /**
     * Configures Logback: a queue that never drops a line in front of {@link MainLogAppender}.
     *
     * @param syslog where lines go for {@code logfile=syslog}
     */
    public static MainLogOutput configure(SupervisordConfig config, PrintStream stdout, Consumer<String> syslog) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        boolean toSyslog = config.logfile().equals("syslog");
        Optional<RotatingLogFile> file = toSyslog ? Optional.empty()
                : Optional.of(new RotatingLogFile(Path.of(config.logfile()), config.logfileMaxbytes(),
                        config.logfileBackups()));
        boolean echo = config.nodaemon() && !config.silent();
        MainLogAppender appender = new MainLogAppender(file, toSyslog ? Optional.of(syslog) : Optional.empty(),
                echo ? Optional.of(stdout) : Optional.empty(), config.loglevel());
        appender.setContext(context);
        appender.start();
        AsyncAppender queue = new AsyncAppender();
        queue.setContext(context);
        queue.setName("supervisord-queue");
        queue.setQueueSize(QUEUE_SIZE);
        queue.setDiscardingThreshold(0); // never drop a line, whatever its level
        queue.setMaxFlushTime(0);        // at close, wait until every queued line is written
        queue.addAppender(appender);
        queue.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(queue);
        context.getLogger(MainLog.LOGGER).setLevel(logbackLevel(config.loglevel()));
        // Jetty's start-up chatter is not part of supervisord's log; its warnings and errors are.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        return new MainLogOutput(queue, appender);
    }

    private static Level logbackLevel(LogLevel level) {
        return switch (level) {
            case CRITICAL, ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE, BLATHER -> Level.TRACE;
        };
    }
}
