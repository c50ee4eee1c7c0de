package io.jsupervisor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.jsupervisor.config.OptionCatalog.InetHttpServer;
import io.jsupervisor.config.OptionCatalog.Jmx;
import io.jsupervisor.config.OptionCatalog.Jolokia;
import io.jsupervisor.config.OptionCatalog.Supervisorctl;
import io.jsupervisor.config.OptionCatalog.UnixHttpServer;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniSection;
import io.jsupervisor.config.model.Credentials;
import io.jsupervisor.config.model.HttpServerConfig;
import io.jsupervisor.config.model.JmxConfig;
import io.jsupervisor.config.model.JolokiaConfig;
import io.jsupervisor.config.model.RpcInterfaceConfig;
import io.jsupervisor.config.model.SupervisorctlConfig;
import io.jsupervisor.config.types.HostPort;

/**
 * Reads the sections that configure how the daemon is reached: {@code [unix_http_server]} and
 * {@code [inet_http_server]} (any section whose name starts so, as supervisord allows),
 * {@code [supervisorctl]}, {@code [rpcinterface:x]}, and jsupervisor's own {@code [jmx]} and
 * {@code [jolokia]}. Names available for expansion are those supervisord allows in each.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class ServiceSections {
    private static final String LOOPBACK_WARNING = "listens beyond this machine without a username and password: "
            + "anyone who can reach it can control every program";

    private final IniDocument document;
    private final HostEnvironment host;
    private final Map<String, Object> envNames;
    private final Map<String, Object> hereNames;
    private final Problems problems;

    ServiceSections(IniDocument document, HostEnvironment host, Path here, Map<String, Object> envNames,
                    Problems problems) {
        this.document = document;
        this.host = host;
        this.envNames = envNames;
        this.hereNames = new LinkedHashMap<>(envNames);
        this.hereNames.put("here", here.toString());
        this.problems = problems;
    }

    /** The inet servers, then the unix servers, in file order within each kind (supervisord's list order). */
    List<HttpServerConfig> httpServers() {
        List<HttpServerConfig> servers = new ArrayList<>();
        for (SectionReader s : sectionsStartingWith("inet_http_server")) {
            Optional<Credentials> credentials = credentials(s, UnixHttpServer.USERNAME, UnixHttpServer.PASSWORD);
            Optional<HostPort> address = s.optional(InetHttpServer.PORT, envNames);
            if (s.raw(InetHttpServer.PORT.name()).isEmpty()) {
                s.sectionError("port", "missing (expected e.g. port=127.0.0.1:9001)");
            }
            address.ifPresent(a -> servers.add(new HttpServerConfig.Inet(s.section(), a.host(), a.port(), credentials)));
        }
        for (SectionReader s : sectionsStartingWith("unix_http_server")) {
            Optional<String> file = s.text(UnixHttpServer.FILE.name(), hereNames);
            if (s.raw(UnixHttpServer.FILE.name()).isEmpty()) {
                s.sectionError("file", "missing (expected the socket's path, e.g. file=/run/supervisor.sock)");
            }
            int chmod = s.value(UnixHttpServer.CHMOD, envNames);
            var chown = s.optional(UnixHttpServer.CHOWN, envNames);
            Optional<Credentials> credentials = credentials(s, UnixHttpServer.USERNAME, UnixHttpServer.PASSWORD);
            file.ifPresent(f -> servers.add(new HttpServerConfig.Unix(s.section(), host.normalize(f.strip()), chmod,
                    chown, credentials)));
        }
        return servers;
    }

    Optional<SupervisorctlConfig> supervisorctl() {
        return section("supervisorctl").map(s -> {
            String url = s.value(Supervisorctl.SERVERURL, hereNames);
            if (url.startsWith("unix://")) {
                url = "unix://" + host.normalize(url.substring("unix://".length()));
            }
            return new SupervisorctlConfig(url, s.optional(Supervisorctl.USERNAME, envNames),
                    s.optional(Supervisorctl.PASSWORD, envNames), s.value(Supervisorctl.PROMPT, envNames),
                    s.optional(Supervisorctl.HISTORY_FILE, hereNames).map(host::normalize));
        });
    }

    /**
     * The {@code [rpcinterface:x]} sections. jsupervisor serves supervisord's standard namespace only;
     * another factory is reported as a warning, since its namespace will not be served.
     */
    List<RpcInterfaceConfig> rpcInterfaces() {
        List<RpcInterfaceConfig> interfaces = new ArrayList<>();
        String factoryKey = "supervisor.rpcinterface_factory";
        for (SectionReader s : sectionsStartingWith("rpcinterface:")) {
            String name = s.section().substring("rpcinterface:".length());
            Optional<String> factory = s.text(factoryKey, envNames);
            if (s.raw(factoryKey).isEmpty()) {
                s.sectionError(factoryKey, "missing (expected " + factoryKey + " = "
                        + RpcInterfaceConfig.MAIN_FACTORY + ")");
                continue;
            }
            Map<String, String> extras = new LinkedHashMap<>();
            for (String option : options(s.section())) {
                if (!option.equals(factoryKey)) {
                    s.text(option, envNames).ifPresent(v -> extras.put(option, v));
                }
            }
            factory.ifPresent(f -> {
                if (!f.equals(RpcInterfaceConfig.MAIN_FACTORY)) {
                    s.warning(factoryKey, "'" + f + "' is a Python plugin; jsupervisor serves only "
                            + RpcInterfaceConfig.MAIN_FACTORY + ", so the '" + name + "' namespace will be missing");
                }
                interfaces.add(new RpcInterfaceConfig(name, f, extras));
            });
        }
        return interfaces;
    }

    Optional<JmxConfig> jmx() {
        return section("jmx").map(s -> {
            String host = s.value(Jmx.HOST, hereNames);
            Optional<Integer> port = s.optional(Jmx.PORT, hereNames);
            if (s.raw(Jmx.PORT.name()).isEmpty()) {
                s.sectionError("port", "missing (the remote JMX connector needs a port, e.g. port=9010)");
            }
            Optional<Credentials> credentials = credentials(s, Jmx.USERNAME, Jmx.PASSWORD);
            Optional<Path> passwordFile = s.optional(Jmx.PASSWORD_FILE, hereNames);
            if (credentials.isPresent() && passwordFile.isPresent()) {
                s.error("password_file", s.raw("password_file").orElse(null),
                        "give either username and password or password_file, not both");
            }
            if (credentials.isEmpty() && passwordFile.isEmpty() && !isLoopback(host)) {
                s.warning("host", "'" + host + "' " + LOOPBACK_WARNING);
            }
            return new JmxConfig(host, port.orElse(0), credentials, passwordFile, s.value(Jmx.READ_ONLY, hereNames));
        });
    }

    Optional<JolokiaConfig> jolokia() {
        return section("jolokia").map(s -> {
            String host = s.value(Jolokia.HOST, hereNames);
            Optional<Credentials> credentials = credentials(s, Jolokia.USERNAME, Jolokia.PASSWORD);
            if (credentials.isEmpty() && !isLoopback(host)) {
                s.warning("host", "'" + host + "' " + LOOPBACK_WARNING);
            }
            return new JolokiaConfig(host, s.value(Jolokia.PORT, hereNames), credentials,
                    s.optional(Jolokia.POLICY_FILE, hereNames));
        });
    }

    /** A username and password, both or neither, as supervisord requires of its servers. */
    private Optional<Credentials> credentials(SectionReader s, OptionSpec<String> username, OptionSpec<String> password) {
        Optional<String> user = s.optional(username, envNames);
        Optional<String> pass = s.optional(password, envNames);
        if (user.isPresent() != pass.isPresent()) {
            String missing = user.isPresent() ? password.name() : username.name();
            s.sectionError(missing, "missing: a username needs a password and a password needs a username");
            return Optional.empty();
        }
        return user.map(u -> new Credentials(u, pass.get()));
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private Optional<SectionReader> section(String name) {
        return document.section(name).map(this::reader);
    }

    private List<SectionReader> sectionsStartingWith(String prefix) {
        return document.sections().stream().filter(s -> s.name().startsWith(prefix)).map(this::reader).toList();
    }

    private List<String> options(String section) {
        List<String> names = new ArrayList<>(document.section(section).map(s -> s.options().keySet())
                .orElse(Set.of()));
        document.defaults().ifPresent(d -> d.options().keySet().stream().filter(k -> !names.contains(k))
                .forEach(names::add));
        return names;
    }

    private SectionReader reader(IniSection section) {
        return new SectionReader(document, section.name(), section.location(), Map.of(), host, problems);
    }
}
