package io.jsupervisor.service.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.SupervisordConfig;
import io.jsupervisor.service.io.RotatingLogFile;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at the supervisor's main log as {@code [supervisord]} configures it: the log file
 * (with supervisord's rotation), the level, and the echo to stdout in the foreground unless
 * {@code silent}. Libraries' own loggers are kept at INFO so {@code loglevel=debug} shows the
 * supervisor's detail without theirs.
 *
 * <p>Call from one thread at start-up (and after a restart).
 */
public final class MainLogSetup {
    private MainLogSetup() {
    }

    /**
     * Configures Logback and returns the appender, for reopening the file on SIGUSR2.
     *
     * @param syslog where lines go for {@code logfile=syslog}
     */
    public static MainLogAppender configure(SupervisordConfig config, PrintStream stdout, Consumer<String> syslog) {
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
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger(MainLog.LOGGER).setLevel(logbackLevel(config.loglevel()));
        return appender;
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
