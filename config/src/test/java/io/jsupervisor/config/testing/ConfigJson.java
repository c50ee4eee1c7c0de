package io.jsupervisor.config.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniSection;
import io.jsupervisor.config.ini.IniSyntaxError;
import io.jsupervisor.config.ini.IniValue;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.HttpServerConfig;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.model.SocketSpec;
import io.jsupervisor.config.model.SupervisordConfig;

/**
 * Test helper: the same JSON view of a configuration (or of INI sections) that
 * {@code src/test/python/golden.py} prints for supervisord, so the two can be compared as text.
 */
public final class ConfigJson {
    private ConfigJson() {
    }

    public static String ini(IniDocument document) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!document.errors().isEmpty()) {
            out.put("error_lines", document.errors().stream().map(IniSyntaxError::location).map(l -> l.line()).toList());
            return Json.write(out);
        }
        out.put("defaults", document.defaults().map(ConfigJson::options).orElse(Map.of()));
        List<Object> sections = new ArrayList<>();
        for (IniSection section : document.sections()) {
            sections.add(List.of(section.name(), options(section)));
        }
        out.put("sections", sections);
        return Json.write(out);
    }

    private static Map<String, Object> options(IniSection section) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, IniValue> e : section.options().entrySet()) {
            options.put(e.getKey(), e.getValue().text());
        }
        return options;
    }

    /** The configuration's JSON, with {@code here} written as {@code ${here}}. */
    public static String config(Configuration config, String here) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supervisord", supervisord(config.supervisord()));
        out.put("groups", config.groups().stream().map(ConfigJson::group).toList());
        out.put("servers", config.httpServers().stream().map(ConfigJson::server).toList());
        out.put("serverurl", config.serverUrl().orElse(null));
        out.put("rpcinterfaces", config.rpcInterfaces().stream().map(r -> List.of(r.name(), r.extras())).toList());
        return Json.write(out).replace(here, "${here}");
    }

    private static Map<String, Object> supervisord(SupervisordConfig s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logfile", s.logfile());
        out.put("logfile_maxbytes", s.logfileMaxbytes());
        out.put("logfile_backups", s.logfileBackups());
        out.put("loglevel", s.loglevel().number());
        out.put("pidfile", s.pidfile().toString());
        out.put("umask", s.umask());
        out.put("nodaemon", s.nodaemon());
        out.put("silent", s.silent());
        out.put("minfds", s.minfds());
        out.put("minprocs", s.minprocs());
        out.put("nocleanup", s.nocleanup());
        out.put("childlogdir", s.childlogdir().toString());
        out.put("uid", s.user().map(a -> (Object) a.uid()).orElse(null));
        out.put("directory", s.directory().map(Object::toString).orElse(null));
        out.put("strip_ansi", s.stripAnsi());
        out.put("environment", s.environment());
        out.put("identifier", s.identifier());
        return out;
    }

    private static Map<String, Object> group(GroupConfig g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", g.name());
        out.put("priority", g.priority());
        out.put("processes", g.processes().stream().map(ConfigJson::process).toList());
        if (g instanceof FcgiGroupConfig fcgi) {
            out.put("kind", "fcgi");
            Map<String, Object> socket = new LinkedHashMap<>();
            socket.put("url", fcgi.socket().url());
            socket.put("backlog", fcgi.socket().backlog());
            if (fcgi.socket() instanceof SocketSpec.Unix unix) {
                socket.put("mode", unix.mode());
                socket.put("owner", unix.owner().map(o -> (Object) List.of(o.uid(), o.gid().orElse(-1))).orElse(null));
            }
            out.put("socket", socket);
        } else if (g instanceof EventListenerPoolConfig pool) {
            out.put("kind", "eventlistener");
            out.put("buffer_size", pool.bufferSize());
            out.put("events", List.copyOf(pool.events()));
            out.put("result_handler", pool.resultHandler());
        } else {
            out.put("kind", "program");
        }
        return out;
    }

    private static Map<String, Object> process(ProcessConfig p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("command", p.command());
        out.put("directory", p.directory().orElse(null));
        out.put("umask", p.umask().isPresent() ? p.umask().getAsInt() : null);
        out.put("priority", p.priority());
        out.put("autostart", p.autostart());
        out.put("autorestart", p.autorestart().configValue());
        out.put("startsecs", p.startsecs());
        out.put("startretries", p.startretries());
        out.put("uid", p.user().map(a -> (Object) a.uid()).orElse(null));
        out.put("stopsignal", p.stopsignal());
        out.put("stopwaitsecs", p.stopwaitsecs());
        out.put("stopasgroup", p.stopasgroup());
        out.put("killasgroup", p.killasgroup());
        out.put("exitcodes", p.exitcodes());
        out.put("redirect_stderr", p.redirectStderr());
        out.put("environment", p.environment());
        out.put("serverurl", p.serverurl().orElse(null));
        channel("stdout", p.stdout(), out);
        channel("stderr", p.stderr(), out);
        return out;
    }

    private static void channel(String name, ChannelLogConfig c, Map<String, Object> out) {
        out.put(name + "_logfile", c.logfile() instanceof LogTarget.File f ? f.path().toString() : c.logfile().toString());
        out.put(name + "_logfile_maxbytes", c.maxbytes());
        out.put(name + "_logfile_backups", c.backups());
        out.put(name + "_capture_maxbytes", c.captureMaxbytes());
        out.put(name + "_events_enabled", c.eventsEnabled());
        out.put(name + "_syslog", c.syslog());
    }

    private static Map<String, Object> server(HttpServerConfig server) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("section", server.section());
        out.put("username", server.credentials().map(c -> c.username()).orElse(null));
        out.put("password", server.credentials().map(c -> c.password()).orElse(null));
        if (server instanceof HttpServerConfig.Unix unix) {
            out.put("kind", "unix");
            out.put("file", unix.file().toString());
            out.put("chmod", unix.chmod());
            out.put("chown", unix.chown().map(o -> List.of(o.uid(), o.gid().orElse(-1))).orElse(List.of(-1, -1)));
        } else if (server instanceof HttpServerConfig.Inet inet) {
            out.put("kind", "inet");
            out.put("host", inet.host());
            out.put("port", inet.port());
        }
        return out;
    }
}
