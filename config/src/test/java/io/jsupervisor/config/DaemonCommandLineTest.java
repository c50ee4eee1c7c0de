package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.cli.DaemonArguments;
import io.jsupervisor.config.cli.DaemonArguments.Action;
import io.jsupervisor.config.cli.DaemonCommandLine;
import io.jsupervisor.config.cli.UsageException;
import org.junit.jupiter.api.Test;

/** supervisord's command line, read with Python getopt's rules. */
class DaemonCommandLineTest {

    @Test
    void shortOptionsTakeTheirValueJoinedOrSeparate() throws UsageException {
        DaemonArguments a = DaemonCommandLine.parse("-c", "/etc/s.conf", "-n", "-lmain.log", "-e", "debug");
        assertEquals(Optional.of(Path.of("/etc/s.conf")), a.configFile());
        assertEquals(Map.of("nodaemon", "true", "logfile", "main.log", "loglevel", "debug"), a.overrides());
        assertEquals(Action.RUN, a.action());
    }

    @Test
    void shortFlagsMayBeBundledWithAValueLast() throws UsageException {
        DaemonArguments a = DaemonCommandLine.parse("-nkc", "x.conf");
        assertEquals(Optional.of(Path.of("x.conf")), a.configFile());
        assertEquals(Map.of("nodaemon", "true", "nocleanup", "true"), a.overrides());
    }

    @Test
    void longOptionsAcceptEqualsOrTheNextArgumentAndUniquePrefixes() throws UsageException {
        DaemonArguments a = DaemonCommandLine.parse("--configuration=a.conf", "--pidfile", "p.pid", "--nodae",
                "--identifier=web1", "--minp", "300");
        assertEquals(Optional.of(Path.of("a.conf")), a.configFile());
        assertEquals(Map.of("pidfile", "p.pid", "nodaemon", "true", "identifier", "web1", "minprocs", "300"),
                a.overrides());
    }

    @Test
    void dashTKeepsSupervisordsMeaningAndCheckConfigIsLongOnly() throws UsageException {
        assertEquals(Map.of("strip_ansi", "true"), DaemonCommandLine.parse("-t").overrides());
        assertEquals(Action.CHECK_CONFIG, DaemonCommandLine.parse("--check-config", "-c", "x").action());
        assertEquals(Action.CHECK_CONFIG, DaemonCommandLine.parse("--check").action());
    }

    @Test
    void helpAndVersion() throws UsageException {
        assertEquals(Action.HELP, DaemonCommandLine.parse("-h").action());
        assertEquals(Action.HELP, DaemonCommandLine.parse("-?").action());
        assertEquals(Action.HELP, DaemonCommandLine.parse("--help", "-v").action());
        assertEquals(Action.VERSION, DaemonCommandLine.parse("--version").action());
    }

    @Test
    void errorsSayWhatIsWrongAsGetoptDoes() {
        assertUsage("option -x not recognized", "-x");
        assertUsage("option --bogus not recognized", "--bogus");
        assertUsage("option --log not a unique prefix", "--log=x");
        assertUsage("option -c requires argument", "-c");
        assertUsage("option --pidfile requires argument", "--pidfile");
        assertUsage("option --nodaemon must not have an argument", "--nodaemon=yes");
        assertUsage("conflicting command line option '-c'", "-c", "a", "-c", "b");
        assertUsage("conflicting command line option '--logfile'", "-l", "a", "--logfile=b");
        assertUsage("positional arguments are not supported: ['extra', 'args']", "-n", "extra", "args");
    }

    @Test
    void doubleDashEndsOptionsButPositionalsAreStillRejected() {
        assertUsage("positional arguments are not supported: ['-n']", "--", "-n");
    }

    private static void assertUsage(String message, String... args) {
        assertEquals(message, assertThrows(UsageException.class, () -> DaemonCommandLine.parse(args)).getMessage());
    }
}
