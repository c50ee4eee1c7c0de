package io.jsupervisor.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.OptionCatalog.Supervisord;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.SupervisordConfig;
import io.jsupervisor.config.syntax.KeyValueList;
import io.jsupervisor.config.syntax.SyntaxException;

/**
 * Reads {@code [supervisord]}: every option expanded with {@code %(here)s} and {@code %(ENV_x)s},
 * and {@code environment} expanded a second time with {@code %(host_node_name)s} added (supervisord
 * 4.2 expands it twice, so a literal {@code %} there is written {@code %%%%}).
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class SupervisordSectionReader {
    private final SectionReader section;
    private final HostEnvironment host;

    SupervisordSectionReader(SectionReader section, HostEnvironment host) {
        this.section = section;
        this.host = host;
    }

    SupervisordConfig read(Map<String, Object> hereNames) {
        String logfile = section.raw(Supervisord.LOGFILE.name())
                .flatMap(v -> section.expand(Supervisord.LOGFILE.name(), v, v.text(), hereNames))
                .filter(text -> text.equals("syslog"))
                .orElseGet(() -> host.normalize(section.value(Supervisord.LOGFILE, hereNames).toString()).toString());
        Path childlogdir = section.optional(Supervisord.CHILDLOGDIR, hereNames)
                .orElseGet(host::temporaryDirectory);
        return new SupervisordConfig(
                logfile,
                section.value(Supervisord.LOGFILE_MAXBYTES, hereNames),
                section.value(Supervisord.LOGFILE_BACKUPS, hereNames),
                section.value(Supervisord.LOGLEVEL, hereNames),
                host.normalize(section.value(Supervisord.PIDFILE, hereNames).toString()),
                section.value(Supervisord.UMASK, hereNames),
                section.value(Supervisord.NODAEMON, hereNames),
                section.value(Supervisord.SILENT, hereNames),
                section.value(Supervisord.MINFDS, hereNames),
                section.value(Supervisord.MINPROCS, hereNames),
                section.value(Supervisord.NOCLEANUP, hereNames),
                childlogdir,
                section.optional(Supervisord.USER, hereNames),
                section.optional(Supervisord.DIRECTORY, hereNames),
                section.value(Supervisord.STRIP_ANSI, hereNames),
                environment(hereNames),
                section.value(Supervisord.IDENTIFIER, hereNames),
                section.value(Supervisord.SUBREAPER, hereNames));
    }

    private Map<String, String> environment(Map<String, Object> hereNames) {
        String option = Supervisord.ENVIRONMENT.name();
        return section.raw(option).flatMap(raw -> section.expand(option, raw, raw.text(), hereNames)
                .flatMap(once -> {
                    Map<String, Object> names = new LinkedHashMap<>(hereNames);
                    names.put("host_node_name", host.hostNodeName());
                    return section.expand(option, raw, once, names);
                })
                .flatMap(twice -> {
                    try {
                        return Optional.of(KeyValueList.parse(twice));
                    } catch (SyntaxException e) {
                        section.error(option, raw, e.getMessage());
                        return Optional.empty();
                    }
                })).orElse(Map.of());
    }
}
