package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.OnFatal;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.syntax.FormatException;
import io.jsupervisor.config.syntax.PercentFormat;
import io.jsupervisor.config.testing.Goldens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader behaviour beyond what the golden files pin down. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void commandLineOverridesReplaceTheFileAndAreNotExpanded() throws Exception {
        Path file = write("[supervisord]\nloglevel=warn\nidentifier=from-file\n");
        Configuration config = new ConfigLoader(Goldens.host(dir, 0)).load(file,
                Map.of("loglevel", "debug", "identifier", "100%(here)s", "nodaemon", "true"));
        assertEquals(LogLevel.DEBUG, config.supervisord().loglevel());
        assertEquals("100%(here)s", config.supervisord().identifier());
        assertTrue(config.supervisord().nodaemon());
    }

    @Test
    void onFatalIsIgnoreByDefaultShutdownWhenSetAndAPlacedErrorOtherwise() throws Exception {
        Configuration config = new ConfigLoader(Goldens.host(dir, 0)).load(write("[supervisord]\n"
                + "[program:a]\ncommand=/bin/true\n[program:b]\ncommand=/bin/true\non_fatal=shutdown\n"), Map.of());
        assertEquals(List.of(OnFatal.IGNORE, OnFatal.SHUTDOWN), config.groups().stream()
                .flatMap(g -> g.processes().stream()).map(ProcessConfig::onFatal).toList());
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Goldens.host(dir, 0))
                .load(write("[supervisord]\n[program:c]\ncommand=/bin/true\non_fatal=exit\n"), Map.of()));
        assertEquals(List.of(dir.resolve("supervisord.conf") + ":4 [program:c] on_fatal: 'exit' is not valid (expected ignore, or shutdown: "
                + "stop everything and exit 1 when the process goes FATAL)"),
                e.errors().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void invalidOverridesAreReportedAsCommandLineErrors() throws Exception {
        Path file = write("[supervisord]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Goldens.host(dir, 0))
                .load(file, Map.of("minfds", "many")));
        assertEquals(List.of("command line --minfds: 'many' is not a whole number"),
                e.errors().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void relativeDefaultsResolveAgainstTheWorkingDirectory() throws Exception {
        Configuration config = new ConfigLoader(Goldens.host(dir, 0)).load(write("[supervisord]\n"));
        assertEquals(dir.resolve("supervisord.log").toString(), config.supervisord().logfile());
        assertEquals(dir.resolve("supervisord.pid"), config.supervisord().pidfile());
        assertEquals(Path.of("/tmp"), config.supervisord().childlogdir());
    }

    @Test
    void aMissingFileIsOneClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Goldens.host(dir, 0)).load(dir.resolve("absent.conf")));
        assertEquals(List.of(dir.resolve("absent.conf") + ": cannot be read: no such file"),
                e.errors().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void passwordsNeverAppearWhenAConfigurationIsPrinted() throws Exception {
        Path file = write("[supervisord]\n[inet_http_server]\nport=127.0.0.1:9001\nusername=admin\n"
                + "password=s3cret-one\n[supervisorctl]\npassword=s3cret-two\n[jolokia]\nusername=u\n"
                + "password=s3cret-three\n");
        String printed = new ConfigLoader(Goldens.host(dir, 0)).load(file).toString();
        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("admin"));
    }

    @Test
    void aLoneConversionWithoutANameIsRejectedRatherThanFormattingTheWholeMapping() {
        // Python would print the expansion dictionary into the value; that is never what a config means.
        FormatException e = assertThrows(FormatException.class, () -> PercentFormat.format("echo %s", Map.of()));
        assertEquals("'%s' has no (name); write %% for a literal %", e.getMessage());
    }

    @Test
    void theServerUrlPrefersTheUnixServer() throws Exception {
        Path file = write("[supervisord]\n[inet_http_server]\nport=*:9001\n[unix_http_server]\nfile=" + dir
                + "/s.sock\n");
        assertEquals("unix://" + dir + "/s.sock", new ConfigLoader(Goldens.host(dir, 0)).load(file).serverUrl()
                .orElseThrow());
        Path inetOnly = write("[supervisord]\n[inet_http_server]\nport=*:9001\n");
        assertEquals("http://localhost:9001", new ConfigLoader(Goldens.host(dir, 0)).load(inetOnly).serverUrl()
                .orElseThrow());
    }
}
