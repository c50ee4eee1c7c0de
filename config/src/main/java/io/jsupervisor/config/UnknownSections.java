package io.jsupervisor.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniSection;
import io.jsupervisor.config.ini.IniValue;

/**
 * Warns about sections and options that neither supervisord nor jsupervisor reads, which supervisord
 * would ignore silently: usually a typo ({@code autorestrat=true}) that would otherwise go unnoticed.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class UnknownSections {
    private final IniDocument document;
    private final Problems problems;

    UnknownSections(IniDocument document, Problems problems) {
        this.document = document;
        this.problems = problems;
    }

    void check() {
        for (IniSection section : document.sections()) {
            String name = section.name();
            List<OptionSpec<?>> known = knownOptions(name);
            if (known == null) {
                if (!name.startsWith("rpcinterface:") && !name.startsWith("ctlplugin:")) {
                    problems.warning(section.location(), name, null, "unknown section, ignored");
                }
                continue;
            }
            Set<String> names = known.stream().map(OptionSpec::name).collect(Collectors.toSet());
            section.options().forEach((option, value) -> warnUnknown(name, option, value, names));
        }
    }

    private void warnUnknown(String section, String option, IniValue value, Set<String> known) {
        if (!known.contains(option)) {
            problems.warning(value.location(), section, option, "unknown option, ignored");
        }
    }

    /** The options a section reads, or null for a section nobody reads. */
    private static List<OptionSpec<?>> knownOptions(String section) {
        if (section.startsWith("program:")) {
            return OptionCatalog.Program.ALL;
        }
        if (section.startsWith("fcgi-program:")) {
            return OptionCatalog.FcgiProgram.ALL;
        }
        if (section.startsWith("eventlistener:")) {
            return OptionCatalog.EventListener.ALL;
        }
        if (section.startsWith("group:")) {
            return OptionCatalog.Group.ALL;
        }
        if (section.startsWith("unix_http_server")) {
            return OptionCatalog.UnixHttpServer.ALL;
        }
        if (section.startsWith("inet_http_server")) {
            return OptionCatalog.InetHttpServer.ALL;
        }
        return switch (section) {
            case "supervisord" -> OptionCatalog.Supervisord.ALL;
            case "include" -> OptionCatalog.Include.ALL;
            case "supervisorctl" -> OptionCatalog.Supervisorctl.ALL;
            case "jmx" -> OptionCatalog.Jmx.ALL;
            case "jolokia" -> OptionCatalog.Jolokia.ALL;
            default -> null;
        };
    }
}
