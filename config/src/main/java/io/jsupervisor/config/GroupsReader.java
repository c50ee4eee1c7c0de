package io.jsupervisor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jsupervisor.config.OptionCatalog.EventListener;
import io.jsupervisor.config.OptionCatalog.FcgiProgram;
import io.jsupervisor.config.OptionCatalog.Group;
import io.jsupervisor.config.OptionCatalog.Program;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniSection;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.FileOwner;
import io.jsupervisor.config.model.GroupConfig;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.model.ProgramGroupConfig;
import io.jsupervisor.config.model.SocketHandoff;
import io.jsupervisor.config.model.SocketSpec;
import io.jsupervisor.config.types.InvalidValueException;
import io.jsupervisor.config.types.ValueTypes;

/**
 * Builds the process groups in supervisord's way: first every {@code [group:x]} with the programs it
 * lists, then a group for each remaining {@code [program:x]}, each {@code [eventlistener:x]} and each
 * remaining {@code [fcgi-program:x]}; finally sorted by priority and name. An fcgi-program listed in a
 * {@code [group:x]} becomes an ordinary program without a socket, as in supervisord.
 *
 * <p>Beyond supervisord, names that would collide are errors: two groups of one name, a program
 * listed by two groups, two processes of one name in a group.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class GroupsReader {
    private static final Pattern TCP_SOCKET = Pattern.compile("tcp://([^\\s:]+):(\\d+)");

    private final IniDocument document;
    private final HostEnvironment host;
    private final Map<String, Object> hereNames;
    private final ProcessSectionReader processes;
    private final Problems problems;

    GroupsReader(IniDocument document, HostEnvironment host, Path here, Map<String, Object> envNames,
                 Map<String, String> globalEnvironment, Problems problems) {
        this.document = document;
        this.host = host;
        this.hereNames = new LinkedHashMap<>(envNames);
        this.hereNames.put("here", here.toString());
        this.processes = new ProcessSectionReader(host, here, envNames, globalEnvironment);
        this.problems = problems;
    }

    List<GroupConfig> read() {
        List<GroupConfig> groups = new ArrayList<>();
        Map<GroupConfig, SectionReader> definedBy = new IdentityHashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        for (SectionReader s : sections("group:")) {
            heterogeneousGroup(s, memberOf).ifPresent(g -> add(g, s, groups, definedBy));
        }
        for (SectionReader s : sections("program:")) {
            if (!memberOf.containsKey(s.section())) {
                groupName(s, "program:").ifPresent(name -> add(new ProgramGroupConfig(name,
                        s.value(Program.PRIORITY, hereNames), processes.read(s, name, name, problems)), s, groups,
                        definedBy));
            }
        }
        for (SectionReader s : sections("eventlistener:")) {
            eventListenerPool(s).ifPresent(g -> add(g, s, groups, definedBy));
        }
        for (SectionReader s : sections("fcgi-program:")) {
            if (memberOf.containsKey(s.section())) {
                s.warning(FcgiProgram.SOCKET.name(), "no socket is created because [" + memberOf.get(s.section())
                        + "] lists this program: its processes run as a plain program, as under supervisord");
            } else {
                fcgiGroup(s).ifPresent(g -> add(g, s, groups, definedBy));
            }
        }
        checkUniqueNames(groups, definedBy);
        groups.sort(GroupConfig.START_ORDER);
        return groups;
    }

    private static void add(GroupConfig group, SectionReader section, List<GroupConfig> groups,
                            Map<GroupConfig, SectionReader> definedBy) {
        groups.add(group);
        definedBy.put(group, section);
    }

    private Optional<GroupConfig> heterogeneousGroup(SectionReader s, Map<String, String> memberOf) {
        Optional<String> name = groupName(s, "group:");
        int priority = s.value(Group.PRIORITY, hereNames);
        List<String> programs = s.optional(Group.PROGRAMS, hereNames).orElse(List.of());
        if (s.raw(Group.PROGRAMS.name()).isEmpty()) {
            s.sectionError(Group.PROGRAMS.name(), "missing (a group lists its programs, e.g. programs=web,worker)");
        }
        List<ProcessConfig> members = new ArrayList<>();
        for (String program : programs) {
            String programSection = "program:" + program;
            String fcgiSection = "fcgi-program:" + program;
            boolean isProgram = document.hasSection(programSection);
            boolean isFcgi = document.hasSection(fcgiSection);
            if (!isProgram && !isFcgi) {
                s.error(Group.PROGRAMS.name(), s.raw(Group.PROGRAMS.name()).orElse(null),
                        "names unknown program '" + program + "' (no [program:" + program + "] or [fcgi-program:"
                                + program + "] section)");
                continue;
            }
            if (isProgram && isFcgi) {
                s.error(Group.PROGRAMS.name(), s.raw(Group.PROGRAMS.name()).orElse(null), "'" + program
                        + "' is ambiguous: both [program:" + program + "] and [fcgi-program:" + program + "] exist");
                continue;
            }
            String section = isProgram ? programSection : fcgiSection;
            String previous = memberOf.putIfAbsent(section, s.section());
            if (previous != null) {
                s.error(Group.PROGRAMS.name(), s.raw(Group.PROGRAMS.name()).orElse(null), "'" + program
                        + "' is already a member of [" + previous + "]; a program can belong to one group only");
                continue;
            }
            SectionReader member = reader(document.section(section).orElseThrow());
            groupName(member, section.substring(0, section.indexOf(':') + 1)).ifPresent(programName ->
                    members.addAll(processes.read(member, programName, name.orElse(""), problems)));
        }
        return name.map(n -> new ProgramGroupConfig(n, priority, members));
    }

    private Optional<GroupConfig> eventListenerPool(SectionReader s) {
        Optional<String> name = groupName(s, "eventlistener:");
        int priority = s.value(EventListener.PRIORITY, hereNames);
        int bufferSize = s.value(EventListener.BUFFER_SIZE, hereNames);
        if (bufferSize < 1) {
            s.error(EventListener.BUFFER_SIZE.name(), s.raw(EventListener.BUFFER_SIZE.name()).orElse(null),
                    "must be at least 1, not " + bufferSize);
        }
        String resultHandler = s.value(EventListener.RESULT_HANDLER, hereNames);
        if (!resultHandler.equals(EventListenerPoolConfig.DEFAULT_RESULT_HANDLER)) {
            s.error(EventListener.RESULT_HANDLER.name(), s.raw(EventListener.RESULT_HANDLER.name()).orElse(null),
                    "'" + resultHandler + "' cannot be used: jsupervisor has only "
                            + EventListenerPoolConfig.DEFAULT_RESULT_HANDLER);
        }
        TreeSet<String> events = new TreeSet<>();
        s.optional(EventListener.EVENTS, hereNames).orElse(List.of())
                .forEach(e -> events.add(e.toUpperCase(Locale.ROOT)));
        if (events.isEmpty()) {
            s.sectionError(EventListener.EVENTS.name(), "missing (a listener subscribes to event types, e.g. "
                    + "events=PROCESS_STATE)");
        }
        for (String event : events) {
            if (!EventListenerPoolConfig.EVENT_TYPES.contains(event)) {
                s.error(EventListener.EVENTS.name(), s.raw(EventListener.EVENTS.name()).orElse(null),
                        "unknown event type '" + event + "' (expected names such as PROCESS_STATE, "
                                + "PROCESS_STATE_FATAL, TICK_60; see docs/configuration.md)");
            }
        }
        if (s.value(Program.REDIRECT_STDERR, hereNames)) {
            s.error(Program.REDIRECT_STDERR.name(), s.raw(Program.REDIRECT_STDERR.name()).orElse(null),
                    "cannot be true for an event listener: its stdout carries the listener protocol");
        }
        return name.map(n -> new EventListenerPoolConfig(n, priority, processes.read(s, n, n, problems),
                bufferSize, events, resultHandler));
    }

    private Optional<GroupConfig> fcgiGroup(SectionReader s) {
        Optional<String> name = groupName(s, "fcgi-program:");
        int priority = s.value(Program.PRIORITY, hereNames);
        Optional<Account> user = s.optional(Program.USER, hereNames);
        Optional<Integer> backlog = s.optional(FcgiProgram.SOCKET_BACKLOG, hereNames);
        if (backlog.isPresent() && (backlog.get() < 1 || backlog.get() > 65535)) {
            s.error(FcgiProgram.SOCKET_BACKLOG.name(), s.raw(FcgiProgram.SOCKET_BACKLOG.name()).orElse(null),
                    backlog.get() + " is out of range (1 to 65535)");
        }
        Optional<FileOwner> owner = s.optional(FcgiProgram.SOCKET_OWNER, hereNames);
        Optional<Integer> mode = s.optional(FcgiProgram.SOCKET_MODE, hereNames);
        Map<String, Object> socketNames = new LinkedHashMap<>(hereNames);
        name.ifPresent(n -> socketNames.put("program_name", n));
        Optional<String> url = s.text(FcgiProgram.SOCKET.name(), socketNames);
        if (s.raw(FcgiProgram.SOCKET.name()).isEmpty()) {
            s.sectionError(FcgiProgram.SOCKET.name(), "missing (expected e.g. socket=tcp://127.0.0.1:9000 or "
                    + "socket=unix:///run/%(program_name)s.sock)");
        }
        Optional<SocketSpec> socket = url.flatMap(u -> {
            try {
                return Optional.of(socket(u, user, owner, mode, backlog.orElse(SocketSpec.DEFAULT_BACKLOG)));
            } catch (InvalidValueException e) {
                s.error(FcgiProgram.SOCKET.name(), s.raw(FcgiProgram.SOCKET.name()).orElse(null), e.getMessage());
                return Optional.empty();
            }
        });
        SocketHandoff handoff = s.value(FcgiProgram.SOCKET_HANDOFF, hereNames);
        List<ProcessConfig> workers = name.map(n -> processes.read(s, n, n, problems)).orElse(List.of());
        return name.flatMap(n -> socket.map(sock -> new FcgiGroupConfig(n, priority, workers, sock, handoff)));
    }

    private SocketSpec socket(String url, Optional<Account> user, Optional<FileOwner> owner, Optional<Integer> mode,
                              int backlog) throws InvalidValueException {
        if (url.startsWith("unix://")) {
            String path = url.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new InvalidValueException("the path of '" + url + "' is not absolute (expected "
                        + "unix:///absolute/path)");
            }
            Optional<FileOwner> effectiveOwner = owner.or(() -> user.filter(u -> u.uid() != host.uid())
                    .map(u -> new FileOwner(u.uid(), OptionalInt.of(u.gid()))));
            return new SocketSpec.Unix(host.normalize(path), effectiveOwner, mode.orElse(0700), backlog);
        }
        if (owner.isPresent() || mode.isPresent()) {
            throw new InvalidValueException("socket_owner and socket_mode apply only to a unix:// socket, not '"
                    + url + "'");
        }
        Matcher m = TCP_SOCKET.matcher(url);
        if (!m.matches()) {
            throw new InvalidValueException("'" + url + "' is not a socket URL (expected tcp://host:port or "
                    + "unix:///absolute/path)");
        }
        return new SocketSpec.Tcp(m.group(1), ValueTypes.port(m.group(2)), backlog);
    }

    /** The validated name after the section's prefix, e.g. {@code web} of {@code program:web}. */
    private Optional<String> groupName(SectionReader s, String prefix) {
        String name = s.section().substring(prefix.length());
        try {
            String valid = ValueTypes.name(name);
            if (valid.isEmpty()) {
                s.sectionError(null, "the section has no name after '" + prefix + "'");
                return Optional.empty();
            }
            return Optional.of(valid);
        } catch (InvalidValueException e) {
            s.sectionError(null, e.getMessage());
            return Optional.empty();
        }
    }

    private void checkUniqueNames(List<GroupConfig> groups, Map<GroupConfig, SectionReader> definedBy) {
        Map<String, SectionReader> firstDefinition = new HashMap<>();
        for (GroupConfig group : groups) {
            SectionReader section = definedBy.get(group);
            SectionReader first = firstDefinition.putIfAbsent(group.name(), section);
            if (first != null) {
                section.sectionError(null, "defines a second group named '" + group.name() + "' (the first is ["
                        + first.section() + "] at " + first.location() + "); group names must differ");
            }
            Set<String> names = new HashSet<>();
            for (ProcessConfig process : group.processes()) {
                if (!names.add(process.name())) {
                    section.sectionError(null, "gives group '" + group.name() + "' two processes named '"
                            + process.name() + "' (check process_name and numprocs)");
                }
            }
        }
    }

    private List<SectionReader> sections(String prefix) {
        return document.sections().stream().filter(s -> s.name().startsWith(prefix)).map(this::reader).toList();
    }

    private SectionReader reader(IniSection section) {
        return new SectionReader(document, section.name(), section.location(), Map.of(), host, problems);
    }
}
