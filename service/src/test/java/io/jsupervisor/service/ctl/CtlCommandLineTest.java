package io.jsupervisor.service.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.jsupervisor.config.cli.UsageException;
import org.junit.jupiter.api.Test;

/** supervisorctl's command line, read with Python getopt's rules. */
class CtlCommandLineTest {

    @Test
    void optionsThenTheCommandWithItsOwnDashes() throws UsageException {
        CtlArguments a = CtlCommandLine.parse("-c", "/etc/s.conf", "-s", "unix:///run/s.sock", "-uadmin",
                "--password=pw", "tail", "-f", "web", "-i");
        assertEquals(Optional.of(Path.of("/etc/s.conf")), a.configFile());
        assertEquals(Optional.of("unix:///run/s.sock"), a.serverUrl());
        assertEquals(Optional.of("admin"), a.username());
        assertEquals(Optional.of("pw"), a.password());
        assertEquals(List.of("tail", "-f", "web", "-i"), a.command());
        assertFalse(a.interactive(), "-i after the command belongs to the command");
        assertFalse(a.toString().contains("pw"));
    }

    @Test
    void historyFileIsSpelledWithAnUnderscoreAndPrefixesWork() throws UsageException {
        assertEquals(Optional.of(Path.of("h")), CtlCommandLine.parse("--history_file", "h").historyFile());
        assertEquals(Optional.of(Path.of("h")), CtlCommandLine.parse("--hist=h").historyFile());
        assertEquals(Optional.of(Path.of("h")), CtlCommandLine.parse("-rh").historyFile());
        assertTrue(CtlCommandLine.parse("--inter").interactive());
        assertUsage("option --history-file not recognized", "--history-file=h");
    }

    @Test
    void helpWinsOverWhatFollowsButNotOverEarlierErrors() throws UsageException {
        assertTrue(CtlCommandLine.parse("-h", "-c", "a", "-c", "b").help());
        assertTrue(CtlCommandLine.parse("-?").help());
        assertUsage("conflicting command line option '-c'", "-c", "a", "-c", "b", "-h");
        assertUsage("option -x not recognized", "-h", "-x");
    }

    @Test
    void errorsAreGetoptsAndSupervisorctls() {
        assertUsage("option -v not recognized", "-v");
        assertUsage("option -s requires argument", "-s");
        assertUsage("option --h not a unique prefix", "--h");
        assertUsage("option --interactive must not have an argument", "--interactive=yes");
        assertUsage("conflicting command line option '-i'", "-i", "-i");
        assertUsage("conflicting command line option '--username'", "-u", "a", "--username", "b");
        assertUsage("invalid value for -s 'foo': value 'foo' is not a URL", "-s", "foo");
        assertUsage("invalid value for --serverurl 'http:': value 'http:' is not a URL", "--serverurl", "http:");
    }

    @Test
    void serverUrlNeedsOnlyASchemeAndALocationOrPath() throws UsageException {
        assertEquals(Optional.of("localhost:9001"), CtlCommandLine.parse("-s", "localhost:9001").serverUrl());
        assertEquals(Optional.of("bogus://x"), CtlCommandLine.parse("-s", "bogus://x").serverUrl());
    }

    @Test
    void pythonUrlSplitsAsUrllibDoes() {
        PythonUrl url = PythonUrl.split("http://User@LOCALHOST:9001/path?q#f");
        assertEquals("http", url.scheme());
        assertEquals("User@LOCALHOST:9001", url.netloc());
        assertEquals("/path", url.path());
        assertEquals("localhost", url.hostname());
        assertEquals(9001, url.port().getAsInt());
        PythonUrl v6 = PythonUrl.split("http://[::1]:80");
        assertEquals("::1", v6.hostname());
        assertEquals(80, v6.port().getAsInt());
        assertFalse(PythonUrl.split("http://host").port().isPresent());
        assertEquals("", PythonUrl.split("1http://x").scheme(), "a scheme starts with a letter");
        assertEquals("unix", PythonUrl.split("UNIX:///tmp/s").scheme());
        assertEquals("Port could not be cast to integer value as 'abc'",
                assertThrows(IllegalArgumentException.class, () -> PythonUrl.split("http://h:abc").port()).getMessage());
        assertEquals("Port out of range 0-65535",
                assertThrows(IllegalArgumentException.class, () -> PythonUrl.split("http://h:99999").port()).getMessage());
    }

    @Test
    void serverAddressesAndTheirHostHeaders() {
        assertEquals(new ServerAddress.Unix(Path.of("/run/s.sock")), ServerAddress.of("unix:///run/s.sock"));
        assertEquals("localhost", ServerAddress.of("unix:///run/s.sock").hostHeader());
        assertEquals("127.0.0.1:9001", ServerAddress.of("http://127.0.0.1:9001").hostHeader());
        assertEquals("example.org", ServerAddress.of("http://Example.org").hostHeader());
        assertEquals("[::1]:9001", ServerAddress.of("http://[::1]:9001/").hostHeader());
        assertEquals("Unknown protocol for serverurl HTTP://x",
                assertThrows(IllegalArgumentException.class, () -> ServerAddress.of("HTTP://x")).getMessage());
    }

    private static void assertUsage(String message, String... args) {
        assertEquals(message, assertThrows(UsageException.class, () -> CtlCommandLine.parse(args)).getMessage());
    }
}
