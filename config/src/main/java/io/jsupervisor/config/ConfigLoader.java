package io.jsupervisor.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniReader;
import io.jsupervisor.config.ini.IniSection;
import io.jsupervisor.config.ini.IniSyntaxError;
import io.jsupervisor.config.ini.IniValue;
import io.jsupervisor.config.ini.SourceLocation;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.SupervisordConfig;

/**
 * Loads a supervisord configuration file, and the files its {@code [include]} section names, into a
 * validated {@link Configuration}, with supervisord 4.2's rules for reading, expansion, defaults and
 * validation. Every error in the files is reported, each with its file, line, section and option.
 *
 * <p>Each {@link #load} call is independent; an instance may be shared between threads.
 */
public final class ConfigLoader {
    private static final String HERE = "%(here)s";

    private final HostEnvironment host;

    public ConfigLoader(HostEnvironment host) {
        this.host = host;
    }

    /** Loads {@code file} with no command-line overrides. */
    public Configuration load(Path file) throws ConfigException {
        return load(file, Map.of());
    }

    /**
     * Loads {@code file}, with {@code overrides} (option name to text, as given on the daemon's command
     * line) taking the place of the {@code [supervisord]} options of the same names. Overrides are
     * validated like the file's values but never expanded.
     */
    public Configuration load(Path file, Map<String, String> overrides) throws ConfigException {
        Problems problems = new Problems(file.toString());
        Path absolute = host.workingDirectory().resolve(file).normalize();
        Path here = absolute.getParent();
        IniDocument document = new IniDocument();
        readInto(document, file, file.toString(), problems);
        List<Path> included = new ArrayList<>();
        if (!problems.hasErrors() && document.hasSection("include")) {
            included = readIncludes(document, here, problems);
        }
        for (IniSyntaxError error : document.errors()) {
            problems.error(error.location(), null, null, error.message());
        }
        if (problems.hasErrors()) {
            throw problems.failure();
        }
        if (!document.hasSection("supervisord")) {
            problems.error(new SourceLocation(file.toString(), 0), null, null,
                    "no [supervisord] section (every configuration needs one, even if empty)");
            throw problems.failure();
        }

        Map<String, Object> envNames = new LinkedHashMap<>();
        host.environment().forEach((k, v) -> envNames.put("ENV_" + k, v));
        Map<String, Object> hereNames = new LinkedHashMap<>(envNames);
        hereNames.put("here", here.toString());

        SupervisordConfig supervisord = new SupervisordSectionReader(
                reader(document, "supervisord", overrides, problems), host).read(hereNames);
        supervisord.environment().forEach((k, v) -> envNames.put("ENV_" + k, v));

        ServiceSections services = new ServiceSections(document, host, here, envNames, problems);
        var httpServers = services.httpServers();
        var supervisorctl = services.supervisorctl();
        var rpcInterfaces = services.rpcInterfaces();
        var jmx = services.jmx();
        var jolokia = services.jolokia();
        List<GroupConfig> groups = new GroupsReader(document, host, here, envNames, supervisord.environment(),
                problems).read();
        new UnknownSections(document, problems).check();
        if (problems.hasErrors()) {
            throw problems.failure();
        }
        return new Configuration(absolute, supervisord, groups, httpServers, supervisorctl, rpcInterfaces, jmx,
                jolokia, included, problems.sortedWarnings());
    }

    private SectionReader reader(IniDocument document, String section, Map<String, String> overrides,
                                 Problems problems) {
        SourceLocation location = document.section(section).map(IniSection::location).orElse(null);
        return new SectionReader(document, section, location, overrides, host, problems);
    }

    /**
     * Reads the files of {@code [include] files} in supervisord's order (patterns as written, the
     * matches of each sorted), replacing {@code %(here)s} by each file's directory after reading it.
     */
    private List<Path> readIncludes(IniDocument document, Path here, Problems problems) {
        document.replaceInValues(HERE, here.toString());
        SectionReader include = reader(document, "include", Map.of(), problems);
        Optional<IniValue> raw = include.raw("files");
        if (raw.isEmpty()) {
            include.sectionError("files", "missing (an [include] section must name the files to include)");
            return List.of();
        }
        Map<String, Object> names = new LinkedHashMap<>();
        host.environment().forEach((k, v) -> names.put("ENV_" + k, v));
        names.put("here", here.toString());
        names.put("host_node_name", host.hostNodeName());
        Optional<String> files = include.expand("files", raw.get(), raw.get().text(), names);
        List<Path> included = new ArrayList<>();
        for (String pattern : files.map(f -> f.strip().split("\\s+")).orElse(new String[0])) {
            if (pattern.isEmpty()) {
                continue;
            }
            List<Path> matches;
            try {
                matches = Glob.matches(here.resolve(pattern).toString());
            } catch (IOException e) {
                problems.error(raw.get().location(), "include", "files", "cannot list the files of '" + pattern
                        + "': " + e.getMessage());
                continue;
            }
            if (matches.isEmpty()) {
                problems.warning(raw.get().location(), "include", "files",
                        "no file matches '" + here.resolve(pattern) + "'");
            }
            for (Path match : matches) {
                readInto(document, match, displayName(match), problems);
                document.replaceInValues(HERE, match.getParent().toString());
                included.add(match);
                include.raw("files").filter(v -> v.location().file().equals(displayName(match))).ifPresent(v ->
                        problems.warning(v.location(), "include", "files", "an [include] section in an included "
                                + "file is ignored, as supervisord ignores it (only the main file's counts)"));
            }
        }
        return included;
    }

    /** How messages name an included file: relative to the working directory when it lies below it. */
    private String displayName(Path file) {
        return file.startsWith(host.workingDirectory()) ? host.workingDirectory().relativize(file).toString()
                : file.toString();
    }

    private void readInto(IniDocument document, Path file, String name, Problems problems) {
        Path resolved = host.workingDirectory().resolve(file);
        try {
            byte[] bytes = Files.readAllBytes(resolved);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            new IniReader().read(text, name, document);
        } catch (CharacterCodingException e) {
            problems.error(new SourceLocation(name, 0), null, null, "is not valid UTF-8 text");
        } catch (IOException e) {
            problems.error(new SourceLocation(name, 0), null, null, "cannot be read: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
