package io.jsupervisor.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.OnFatal;
import io.jsupervisor.config.model.SocketHandoff;
import io.jsupervisor.config.types.HostPort;
import io.jsupervisor.config.types.InvalidValueException;
import io.jsupervisor.config.types.Signals;
import io.jsupervisor.config.types.ValueTypes;

/**
 * Every option of every section jsupervisor reads, declared once with supervisord's defaults. The
 * loaders take names, defaults and converters from here; the documentation is tested against it.
 *
 * <p>Constants only; thread-safe.
 */
public final class OptionCatalog {
    private OptionCatalog() {
    }

    /** {@code [supervisord]}. */
    public static final class Supervisord {
        static final OptionSpec<Path> LOGFILE = OptionSpec.of("logfile", "supervisord.log", ValueTypes::existingDirpath);
        static final OptionSpec<Long> LOGFILE_MAXBYTES = OptionSpec.of("logfile_maxbytes", "50MB",
                (t, h) -> ValueTypes.byteSize(t));
        static final OptionSpec<Integer> LOGFILE_BACKUPS = OptionSpec.of("logfile_backups", "10",
                (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<LogLevel> LOGLEVEL = OptionSpec.of("loglevel", "info", (t, h) -> ValueTypes.logLevel(t));
        static final OptionSpec<Path> PIDFILE = OptionSpec.of("pidfile", "supervisord.pid", ValueTypes::existingDirpath);
        static final OptionSpec<Integer> UMASK = OptionSpec.of("umask", "022", (t, h) -> ValueTypes.octal(t));
        static final OptionSpec<Boolean> NODAEMON = OptionSpec.of("nodaemon", "false", (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<Boolean> SILENT = OptionSpec.of("silent", "false", (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<Integer> MINFDS = OptionSpec.of("minfds", "1024", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Integer> MINPROCS = OptionSpec.of("minprocs", "200", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Boolean> NOCLEANUP = OptionSpec.of("nocleanup", "false", (t, h) -> ValueTypes.bool(t));
        /** Defaults to the system's temporary directory, which is not known until load time. */
        static final OptionSpec<Path> CHILDLOGDIR = OptionSpec.of("childlogdir", null, ValueTypes::existingDirectory);
        static final OptionSpec<Account> USER = OptionSpec.of("user", null, ValueTypes::user);
        static final OptionSpec<Path> DIRECTORY = OptionSpec.of("directory", null, ValueTypes::existingDirectory);
        static final OptionSpec<Boolean> STRIP_ANSI = OptionSpec.of("strip_ansi", "false", (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<String> ENVIRONMENT = OptionSpec.text("environment", "");
        static final OptionSpec<String> IDENTIFIER = OptionSpec.text("identifier", "supervisor");
        /** jsupervisor's own (supervisord ignores it): adopt and reap orphaned descendants. */
        static final OptionSpec<Boolean> SUBREAPER = OptionSpec.of("subreaper", "false", (t, h) -> ValueTypes.bool(t));

        public static final List<OptionSpec<?>> ALL = List.of(LOGFILE, LOGFILE_MAXBYTES, LOGFILE_BACKUPS, LOGLEVEL,
                PIDFILE, UMASK, NODAEMON, SILENT, MINFDS, MINPROCS, NOCLEANUP, CHILDLOGDIR, USER, DIRECTORY,
                STRIP_ANSI, ENVIRONMENT, IDENTIFIER, SUBREAPER);

        private Supervisord() {
        }
    }

    /** {@code [program:x]}, and the process options of {@code [fcgi-program:x]} and {@code [eventlistener:x]}. */
    public static final class Program {
        static final OptionSpec<String> COMMAND = OptionSpec.text("command", null);
        static final OptionSpec<String> PROCESS_NAME = OptionSpec.text("process_name", "%(program_name)s");
        static final OptionSpec<Integer> NUMPROCS = OptionSpec.of("numprocs", "1", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Integer> NUMPROCS_START = OptionSpec.of("numprocs_start", "0",
                (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Integer> PRIORITY = OptionSpec.of("priority", "999", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Boolean> AUTOSTART = OptionSpec.of("autostart", "true", (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<Autorestart> AUTORESTART = OptionSpec.of("autorestart", "unexpected",
                (t, h) -> ValueTypes.autorestart(t));
        static final OptionSpec<Integer> STARTSECS = OptionSpec.of("startsecs", "1", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Integer> STARTRETRIES = OptionSpec.of("startretries", "3",
                (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Integer> STOPSIGNAL = OptionSpec.of("stopsignal", "TERM", (t, h) -> Signals.parse(t));
        static final OptionSpec<Integer> STOPWAITSECS = OptionSpec.of("stopwaitsecs", "10",
                (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<Boolean> STOPASGROUP = OptionSpec.of("stopasgroup", "false",
                (t, h) -> ValueTypes.bool(t));
        /** jsupervisor's own. */
        static final OptionSpec<OnFatal> ON_FATAL = OptionSpec.of("on_fatal", "ignore",
                (t, h) -> OnFatal.of(t).orElseThrow(() -> new InvalidValueException("'" + t + "' is not valid "
                        + "(expected ignore, or shutdown: stop everything and exit 1 when the process goes FATAL)")));
        /** Defaults to the value of {@code stopasgroup}. */
        static final OptionSpec<Boolean> KILLASGROUP = OptionSpec.of("killasgroup", null, (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<List<Integer>> EXITCODES = OptionSpec.of("exitcodes", "0",
                (t, h) -> ValueTypes.exitCodes(t));
        static final OptionSpec<Boolean> REDIRECT_STDERR = OptionSpec.of("redirect_stderr", "false",
                (t, h) -> ValueTypes.bool(t));
        static final OptionSpec<String> ENVIRONMENT = OptionSpec.text("environment", "");
        static final OptionSpec<String> DIRECTORY = OptionSpec.text("directory", null);
        static final OptionSpec<Integer> UMASK = OptionSpec.of("umask", null, (t, h) -> ValueTypes.octal(t));
        static final OptionSpec<Account> USER = OptionSpec.of("user", null, ValueTypes::user);
        static final OptionSpec<String> SERVERURL = OptionSpec.text("serverurl", "AUTO");

        /** The options of one output channel, {@code stdout_*} or {@code stderr_*}. */
        static final class Channel {
            final OptionSpec<String> logfile;
            final OptionSpec<Long> logfileMaxbytes;
            final OptionSpec<Integer> logfileBackups;
            final OptionSpec<Long> captureMaxbytes;
            final OptionSpec<Boolean> eventsEnabled;
            final OptionSpec<Boolean> syslog;

            private Channel(String channel) {
                logfile = OptionSpec.text(channel + "_logfile", "AUTO");
                logfileMaxbytes = OptionSpec.of(channel + "_logfile_maxbytes", "50MB", (t, h) -> ValueTypes.byteSize(t));
                logfileBackups = OptionSpec.of(channel + "_logfile_backups", "10", (t, h) -> ValueTypes.integer(t));
                captureMaxbytes = OptionSpec.of(channel + "_capture_maxbytes", "0", (t, h) -> ValueTypes.byteSize(t));
                eventsEnabled = OptionSpec.of(channel + "_events_enabled", "false", (t, h) -> ValueTypes.bool(t));
                syslog = OptionSpec.of(channel + "_syslog", "false", (t, h) -> ValueTypes.bool(t));
            }

            List<OptionSpec<?>> all() {
                return List.of(logfile, logfileMaxbytes, logfileBackups, captureMaxbytes, eventsEnabled, syslog);
            }
        }

        static final Channel STDOUT = new Channel("stdout");
        static final Channel STDERR = new Channel("stderr");

        public static final List<OptionSpec<?>> ALL = concat(List.of(COMMAND, PROCESS_NAME, NUMPROCS, NUMPROCS_START,
                PRIORITY, AUTOSTART, AUTORESTART, STARTSECS, STARTRETRIES, STOPSIGNAL, STOPWAITSECS, STOPASGROUP,
                KILLASGROUP, EXITCODES, REDIRECT_STDERR, ENVIRONMENT, DIRECTORY, UMASK, USER, SERVERURL, ON_FATAL),
                STDOUT.all(), STDERR.all());

        private Program() {
        }
    }

    /** The options {@code [fcgi-program:x]} has beyond those of {@link Program}. */
    public static final class FcgiProgram {
        static final OptionSpec<String> SOCKET = OptionSpec.text("socket", null);
        static final OptionSpec<Integer> SOCKET_BACKLOG = OptionSpec.of("socket_backlog", null,
                (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<FileOwner> SOCKET_OWNER = OptionSpec.of("socket_owner", null, ValueTypes::owner);
        static final OptionSpec<Integer> SOCKET_MODE = OptionSpec.of("socket_mode", "0700", (t, h) -> ValueTypes.octal(t));
        static final OptionSpec<SocketHandoff> SOCKET_HANDOFF = OptionSpec.of("socket_handoff", "stdin",
                (t, h) -> SocketHandoff.of(t).orElseThrow(() -> new InvalidValueException("'" + t + "' is not valid "
                        + "(expected stdin, the socket as fd 0, or systemd, fd 3 with LISTEN_FDS and LISTEN_PID)")));

        public static final List<OptionSpec<?>> ALL = concat(Program.ALL,
                List.of(SOCKET, SOCKET_BACKLOG, SOCKET_OWNER, SOCKET_MODE, SOCKET_HANDOFF));

        private FcgiProgram() {
        }
    }

    /** The options {@code [eventlistener:x]} has beyond those of {@link Program} (its priority defaults to -1). */
    public static final class EventListener {
        static final OptionSpec<List<String>> EVENTS = OptionSpec.of("events", null, (t, h) -> ValueTypes.strings(t));
        static final OptionSpec<Integer> BUFFER_SIZE = OptionSpec.of("buffer_size", "10", (t, h) -> ValueTypes.integer(t));
        static final OptionSpec<String> RESULT_HANDLER = OptionSpec.text("result_handler",
                "supervisor.dispatchers:default_handler");
        static final OptionSpec<Integer> PRIORITY = OptionSpec.of("priority", "-1", (t, h) -> ValueTypes.integer(t));

        public static final List<OptionSpec<?>> ALL = concat(Program.ALL, List.of(EVENTS, BUFFER_SIZE, RESULT_HANDLER));

        private EventListener() {
        }
    }

    /** {@code [group:x]}. */
    public static final class Group {
        static final OptionSpec<List<String>> PROGRAMS = OptionSpec.of("programs", null, (t, h) -> ValueTypes.strings(t));
        static final OptionSpec<Integer> PRIORITY = OptionSpec.of("priority", "999", (t, h) -> ValueTypes.integer(t));

        public static final List<OptionSpec<?>> ALL = List.of(PROGRAMS, PRIORITY);

        private Group() {
        }
    }

    /** {@code [include]}. */
    public static final class Include {
        static final OptionSpec<String> FILES = OptionSpec.text("files", null);

        public static final List<OptionSpec<?>> ALL = List.of(FILES);

        private Include() {
        }
    }

    /** {@code [unix_http_server]}. */
    public static final class UnixHttpServer {
        static final OptionSpec<String> FILE = OptionSpec.text("file", null);
        static final OptionSpec<Integer> CHMOD = OptionSpec.of("chmod", "0700", (t, h) -> ValueTypes.octal(t));
        static final OptionSpec<FileOwner> CHOWN = OptionSpec.of("chown", null, ValueTypes::owner);
        static final OptionSpec<String> USERNAME = OptionSpec.text("username", null);
        static final OptionSpec<String> PASSWORD = OptionSpec.text("password", null);

        public static final List<OptionSpec<?>> ALL = List.of(FILE, CHMOD, CHOWN, USERNAME, PASSWORD);

        private UnixHttpServer() {
        }
    }

    /** {@code [inet_http_server]}. */
    public static final class InetHttpServer {
        static final OptionSpec<HostPort> PORT = OptionSpec.of("port", null, (t, h) -> ValueTypes.inetAddress(t));

        public static final List<OptionSpec<?>> ALL = List.of(PORT, UnixHttpServer.USERNAME, UnixHttpServer.PASSWORD);

        private InetHttpServer() {
        }
    }

    /** {@code [supervisorctl]}. */
    public static final class Supervisorctl {
        static final OptionSpec<String> SERVERURL = OptionSpec.text("serverurl", "http://localhost:9001");
        static final OptionSpec<String> USERNAME = OptionSpec.text("username", null);
        static final OptionSpec<String> PASSWORD = OptionSpec.text("password", null);
        static final OptionSpec<String> PROMPT = OptionSpec.text("prompt", "supervisor");
        static final OptionSpec<String> HISTORY_FILE = OptionSpec.text("history_file", null);

        public static final List<OptionSpec<?>> ALL = List.of(SERVERURL, USERNAME, PASSWORD, PROMPT, HISTORY_FILE);

        private Supervisorctl() {
        }
    }

    /** {@code [jmx]}: jsupervisor's remote JMX connector. */
    public static final class Jmx {
        static final OptionSpec<String> HOST = OptionSpec.text("host", "127.0.0.1");
        static final OptionSpec<Integer> PORT = OptionSpec.of("port", null, (t, h) -> ValueTypes.port(t));
        static final OptionSpec<String> USERNAME = OptionSpec.text("username", null);
        static final OptionSpec<String> PASSWORD = OptionSpec.text("password", null);
        static final OptionSpec<Path> PASSWORD_FILE = OptionSpec.of("password_file", null, Jmx::existingFile);
        static final OptionSpec<Boolean> READ_ONLY = OptionSpec.of("read_only", "false", (t, h) -> ValueTypes.bool(t));

        public static final List<OptionSpec<?>> ALL = List.of(HOST, PORT, USERNAME, PASSWORD, PASSWORD_FILE, READ_ONLY);

        private Jmx() {
        }

        static Path existingFile(String text, HostEnvironment host) throws InvalidValueException {
            Path path = host.normalize(text);
            if (!Files.isRegularFile(path)) {
                throw new InvalidValueException("'" + text + "' is not an existing file");
            }
            return path;
        }
    }

    /** {@code [jolokia]}: jsupervisor's Jolokia HTTP/JSON bridge. */
    public static final class Jolokia {
        static final OptionSpec<String> HOST = OptionSpec.text("host", "127.0.0.1");
        static final OptionSpec<Integer> PORT = OptionSpec.of("port", "8778", (t, h) -> ValueTypes.port(t));
        static final OptionSpec<String> USERNAME = OptionSpec.text("username", null);
        static final OptionSpec<String> PASSWORD = OptionSpec.text("password", null);
        static final OptionSpec<Path> POLICY_FILE = OptionSpec.of("policy_file", null, Jmx::existingFile);

        public static final List<OptionSpec<?>> ALL = List.of(HOST, PORT, USERNAME, PASSWORD, POLICY_FILE);

        private Jolokia() {
        }
    }

    /** Every section kind with a fixed option list, by the name used in documentation. */
    public static Map<String, List<OptionSpec<?>>> bySection() {
        return Map.ofEntries(
            Map.entry("supervisord", Supervisord.ALL), Map.entry("program:x", Program.ALL),
            Map.entry("fcgi-program:x", FcgiProgram.ALL), Map.entry("eventlistener:x", EventListener.ALL),
            Map.entry("group:x", Group.ALL), Map.entry("include", Include.ALL),
            Map.entry("unix_http_server", UnixHttpServer.ALL), Map.entry("inet_http_server", InetHttpServer.ALL),
            Map.entry("supervisorctl", Supervisorctl.ALL), Map.entry("jmx", Jmx.ALL), Map.entry("jolokia", Jolokia.ALL));
    }

    @SafeVarargs
    private static List<OptionSpec<?>> concat(List<OptionSpec<?>>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
