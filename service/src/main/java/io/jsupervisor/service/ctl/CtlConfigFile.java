package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.jsupervisor.config.cli.UsageException;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniReader;
import io.jsupervisor.config.ini.IniValue;
import io.jsupervisor.config.model.SupervisorctlConfig;
import io.jsupervisor.config.syntax.FormatException;
import io.jsupervisor.config.syntax.PercentFormat;
import io.jsupervisor.config.syntax.PythonText;

/**
 * Reads the {@code [supervisorctl]} section of a configuration file as supervisorctl does: that
 * section only (no {@code [include]}, no validation of programs, so a file the daemon would refuse
 * still serves the client), with {@code %(ENV_x)s} expanded in every value and {@code %(here)s} (the
 * file's directory) in {@code serverurl} and {@code history_file}, a {@code unix://} path and the
 * history file made absolute, and supervisorctl's defaults.
 *
 * <p>Stateless and thread-safe.
 */
final class CtlConfigFile {
    private static final String SECTION = "supervisorctl";

    private CtlConfigFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws UsageException with supervisorctl's message when the file is missing or unreadable, has
     *         no {@code [supervisorctl]} section, or a value cannot be expanded
     */
    static SupervisorctlConfig read(Path file, HostEnvironment host) throws UsageException {
        if (!Files.exists(file)) {
            throw new UsageException("could not find config file " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("could not read config file " + file);
        }
        IniDocument document = new IniDocument();
        new IniReader().read(text, file.toString(), document);
        if (!document.errors().isEmpty()) {
            throw new UsageException(document.errors().get(0).toString());
        }
        if (!document.hasSection(SECTION)) {
            throw new UsageException(".ini file does not include supervisorctl section");
        }
        Map<String, Object> env = new TreeMap<>();
        host.environment().forEach((name, value) -> env.put("ENV_" + name, value));
        Map<String, Object> envAndHere = new TreeMap<>(env);
        envAndHere.put("here", host.normalize(file.toString()).getParent().toString());

        String serverurl = expand(document, "serverurl", envAndHere).orElse("http://localhost:9001");
        if (serverurl.startsWith("unix://")) {
            serverurl = "unix://" + host.normalize(serverurl.substring("unix://".length()));
        }
        String prompt = expand(document, "prompt", env).orElse("supervisor");
        Optional<Path> history = expand(document, "history_file", envAndHere).filter(h -> !h.isEmpty())
                .map(host::normalize);
        return new SupervisorctlConfig(serverurl, expand(document, "username", env), expand(document, "password", env),
                prompt, history);
    }

    /** The option's value (or {@code [DEFAULT]}'s) with {@code names} expanded, as supervisord's {@code expand} words its errors. */
    private static Optional<String> expand(IniDocument document, String option, Map<String, Object> names)
            throws UsageException {
        Optional<IniValue> value = document.get(SECTION, option);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().text();
        try {
            return Optional.of(PercentFormat.format(text, names));
        } catch (FormatException e) {
            String where = "Format string " + PythonText.repr(text) + " for " + PythonText.repr(SECTION + "." + option);
            if (e.unknownName().isPresent()) {
                List<String> available = new ArrayList<>(names.keySet());
                throw new UsageException(where + " contains names (" + PythonText.repr(e.unknownName().get())
                        + ") which cannot be expanded. Available names: " + String.join(", ", available));
            }
            throw new UsageException(where + " is badly formatted: " + e.getMessage());
        }
    }
}
