package io.jsupervisor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.config.OptionCatalog.Program;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.ini.IniValue;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.OnFatal;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.syntax.KeyValueList;
import io.jsupervisor.config.syntax.SyntaxException;
import io.jsupervisor.config.types.InvalidValueException;
import io.jsupervisor.config.types.ValueTypes;

/**
 * Turns one {@code [program:x]}, {@code [fcgi-program:x]} or {@code [eventlistener:x]} section into
 * its processes, one per {@code process_num}, as supervisord's {@code processes_from_section} does:
 * the options read once for the program see {@code here}, {@code program_name}, {@code group_name},
 * {@code host_node_name} and {@code ENV_x}; the per-process ones ({@code environment},
 * {@code process_name}, {@code command}, {@code directory}, the log options) also see
 * {@code process_num}, {@code numprocs} and the program's own environment. Like supervisord, the
 * names are kept from one process to the next and {@code *_logfile} is expanded twice.
 *
 * <p>Used by one loading thread; not thread-safe.
 */
final class ProcessSectionReader {
    private final HostEnvironment host;
    private final Path here;
    private final Map<String, Object> envNames;
    private final Map<String, String> globalEnvironment;

    ProcessSectionReader(HostEnvironment host, Path here, Map<String, Object> envNames,
                         Map<String, String> globalEnvironment) {
        this.host = host;
        this.here = here;
        this.envNames = envNames;
        this.globalEnvironment = globalEnvironment;
    }

    /** The names every option of a program section may use. */
    Map<String, Object> programNames(String programName, String groupName) {
        Map<String, Object> names = new LinkedHashMap<>(envNames);
        names.put("here", here.toString());
        names.put("program_name", programName);
        names.put("host_node_name", host.hostNodeName());
        names.put("group_name", groupName);
        return names;
    }

    /** The processes of the section; empty when the section has errors (which are recorded). */
    List<ProcessConfig> read(SectionReader s, String programName, String groupName, Problems problems) {
        int errorsBefore = problems.errors().size();
        Map<String, Object> names = programNames(programName, groupName);
        Settings settings = new Settings(s, names);
        Optional<IniValue> command = s.raw(Program.COMMAND.name());
        if (command.isEmpty()) {
            s.sectionError(Program.COMMAND.name(), "missing (a program needs a command to run)");
        }
        String processNameTemplate = s.raw(Program.PROCESS_NAME.name()).map(IniValue::text)
                .orElse(Program.PROCESS_NAME.defaultText().orElseThrow());
        try {
            processNameTemplate = ValueTypes.name(processNameTemplate);
        } catch (InvalidValueException e) {
            s.error(Program.PROCESS_NAME.name(), s.raw(Program.PROCESS_NAME.name()).orElse(null), e.getMessage());
        }
        if (settings.numprocs > 1 && !processNameTemplate.contains("%(process_num)")) {
            s.error(Program.PROCESS_NAME.name(), s.raw(Program.PROCESS_NAME.name()).orElse(null),
                    "'" + processNameTemplate + "' must contain %(process_num) because numprocs is "
                            + settings.numprocs + " (e.g. process_name=%(program_name)s_%(process_num)02d)");
        }
        if (settings.stopasgroup && !settings.killasgroup) {
            s.error(Program.KILLASGROUP.name(), s.raw(Program.KILLASGROUP.name()).orElse(null),
                    "cannot be false when stopasgroup is true");
        }
        if (settings.numprocs < 1) {
            s.warning(Program.NUMPROCS.name(), "numprocs=" + settings.numprocs + " gives the program no processes");
        }
        if (problems.errors().size() > errorsBefore || command.isEmpty()) {
            return List.of();
        }
        List<ProcessConfig> processes = new ArrayList<>();
        for (int num = settings.numprocsStart; num < settings.numprocsStart + settings.numprocs; num++) {
            names.put("process_num", num);
            names.put("numprocs", settings.numprocs);
            names.putAll(envNames);
            Optional<ProcessConfig> process = process(s, names, settings, processNameTemplate, command.get(),
                    num == settings.numprocsStart);
            if (process.isEmpty() || problems.errors().size() > errorsBefore) {
                return List.of(); // the same error would repeat for every process
            }
            processes.add(process.get());
        }
        processes.sort(Comparator.comparingInt(ProcessConfig::priority).thenComparing(ProcessConfig::name));
        return processes;
    }

    private Optional<ProcessConfig> process(SectionReader s, Map<String, Object> names, Settings settings,
                                            String processNameTemplate, IniValue command, boolean first) {
        Map<String, String> ownEnvironment = environment(s, names);
        ownEnvironment.forEach((k, v) -> names.put("ENV_" + k, v));
        Optional<String> directory = s.text(Program.DIRECTORY.name(), names);
        ChannelLogConfig stdout = channel(s, names, Program.STDOUT, settings.stdoutCapture, settings.stdoutEvents, first);
        ChannelLogConfig stderr = channel(s, names, Program.STDERR, settings.stderrCapture, settings.stderrEvents, first);
        if (settings.redirectStderr) {
            if (stderr.logfile() instanceof LogTarget.File && first) {
                s.warning(Program.STDERR.logfile.name(), "ignored because redirect_stderr=true sends stderr to "
                        + "the stdout log");
            }
            stderr = new ChannelLogConfig(new LogTarget.Disabled(), stderr.maxbytes(), stderr.backups(),
                    stderr.captureMaxbytes(), stderr.eventsEnabled(), stderr.syslog());
        }
        Optional<String> commandText = s.expand(Program.COMMAND.name(), command, command.text(), names);
        Optional<String> name = s.expand(Program.PROCESS_NAME.name(),
                s.raw(Program.PROCESS_NAME.name()).orElse(command), processNameTemplate, names);
        if (commandText.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        if (commandText.get().isBlank()) {
            s.error(Program.COMMAND.name(), command, "is empty (a program needs a command to run)");
            return Optional.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>(globalEnvironment);
        environment.putAll(ownEnvironment);
        return Optional.of(new ProcessConfig(name.get(), commandText.get(), settings.user, directory, settings.umask,
                settings.priority, settings.autostart, settings.autorestart, settings.startsecs,
                settings.startretries, settings.stopsignal, settings.stopwaitsecs, settings.stopasgroup,
                settings.killasgroup, settings.exitcodes, settings.redirectStderr, stdout, stderr, environment,
                settings.serverurl, settings.onFatal));
    }

    private static Map<String, String> environment(SectionReader s, Map<String, Object> names) {
        String option = Program.ENVIRONMENT.name();
        return s.raw(option).flatMap(raw -> s.expand(option, raw, raw.text(), names).flatMap(text -> {
            try {
                return Optional.of(KeyValueList.parse(text));
            } catch (SyntaxException e) {
                s.error(option, raw, e.getMessage());
                return Optional.empty();
            }
        })).orElse(Map.of());
    }

    private ChannelLogConfig channel(SectionReader s, Map<String, Object> names, Program.Channel options,
                                     long captureMaxbytes, boolean eventsEnabled, boolean first) {
        long maxbytes = s.value(options.logfileMaxbytes, names);
        int backups = s.value(options.logfileBackups, names);
        boolean syslog = s.value(options.syslog, names);
        LogTarget logfile = new LogTarget.Auto();
        Optional<IniValue> raw = s.raw(options.logfile.name());
        if (raw.isPresent()) {
            Optional<String> text = s.expand(options.logfile.name(), raw.get(), raw.get().text(), names)
                    .flatMap(once -> s.expand(options.logfile.name(), raw.get(), once, names));
            if (text.isPresent() && text.get().toLowerCase(Locale.ROOT).equals("syslog")) {
                if (first) {
                    s.warning(options.logfile.name(), "'syslog' is deprecated; use " + options.syslog.name()
                            + "=true instead (the output now goes to syslog and to no file)");
                }
                logfile = new LogTarget.Disabled();
                syslog = true;
            } else if (text.isPresent()) {
                logfile = s.convert(OptionSpec.of(options.logfile.name(), null, ValueTypes::logfile), raw.get(),
                        text.get()).orElse(logfile);
            }
        }
        if (logfile instanceof LogTarget.Auto && maxbytes == 0 && first) {
            s.warning(options.logfileMaxbytes.name(), "AUTO logging without rotation can fill the disk; set "
                    + options.logfileMaxbytes.name() + " above 0");
        }
        return new ChannelLogConfig(logfile, maxbytes, backups, captureMaxbytes, eventsEnabled, syslog);
    }

    /** The options supervisord reads once per program, before the per-process loop. */
    private static final class Settings {
        final int priority;
        final boolean autostart;
        final Autorestart autorestart;
        final int startsecs;
        final int startretries;
        final int stopsignal;
        final int stopwaitsecs;
        final boolean stopasgroup;
        final boolean killasgroup;
        final List<Integer> exitcodes;
        final boolean redirectStderr;
        final int numprocs;
        final int numprocsStart;
        final long stdoutCapture;
        final boolean stdoutEvents;
        final long stderrCapture;
        final boolean stderrEvents;
        final Optional<String> serverurl;
        final Optional<Account> user;
        final OptionalInt umask;
        final OnFatal onFatal;

        Settings(SectionReader s, Map<String, Object> names) {
            priority = s.value(Program.PRIORITY, names);
            autostart = s.value(Program.AUTOSTART, names);
            autorestart = s.value(Program.AUTORESTART, names);
            startsecs = s.value(Program.STARTSECS, names);
            startretries = s.value(Program.STARTRETRIES, names);
            stopsignal = s.value(Program.STOPSIGNAL, names);
            stopwaitsecs = s.value(Program.STOPWAITSECS, names);
            stopasgroup = s.value(Program.STOPASGROUP, names);
            killasgroup = s.optional(Program.KILLASGROUP, names).orElse(stopasgroup);
            exitcodes = s.value(Program.EXITCODES, names);
            redirectStderr = s.value(Program.REDIRECT_STDERR, names);
            numprocs = s.value(Program.NUMPROCS, names);
            numprocsStart = s.value(Program.NUMPROCS_START, names);
            stdoutCapture = s.value(Program.STDOUT.captureMaxbytes, names);
            stdoutEvents = s.value(Program.STDOUT.eventsEnabled, names);
            stderrCapture = s.value(Program.STDERR.captureMaxbytes, names);
            stderrEvents = s.value(Program.STDERR.eventsEnabled, names);
            serverurl = s.text(Program.SERVERURL.name(), names)
                    .filter(url -> !url.strip().toUpperCase(Locale.ROOT).equals("AUTO"));
            user = s.optional(Program.USER, names);
            umask = s.optional(Program.UMASK, names).map(OptionalInt::of).orElse(OptionalInt.empty());
            onFatal = s.value(Program.ON_FATAL, names);
        }
    }
}
