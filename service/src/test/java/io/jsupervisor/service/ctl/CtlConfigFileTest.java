package io.jsupervisor.service.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.cli.UsageException;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.host.Accounts;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.SupervisorctlConfig;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [supervisorctl] section, read as supervisorctl reads it. */
class CtlConfigFileTest {
    @TempDir
    Path dir;

    private HostEnvironment host() {
        Accounts none = new Accounts() {
            @Override
            public Optional<Account> user(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<Account> user(int uid) {
                return Optional.empty();
            }

            @Override
            public OptionalInt group(String name) {
                return OptionalInt.empty();
            }
        };
        return new HostEnvironment(Map.of("HOME", "/home/me", "USER", "me"), "host", dir.resolve("cwd"), 1000, none);
    }

    private SupervisorctlConfig read(String text) throws IOException, UsageException {
        Path file = dir.resolve("etc/supervisord.conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return CtlConfigFile.read(file, host());
    }

    @Test
    void defaultsWhenTheSectionIsEmpty() throws Exception {
        SupervisorctlConfig c = read("[supervisorctl]\n");
        assertEquals("http://localhost:9001", c.serverurl());
        assertEquals("supervisor", c.prompt());
        assertEquals(Optional.empty(), c.username());
        assertEquals(Optional.empty(), c.password());
        assertEquals(Optional.empty(), c.historyFile());
    }

    @Test
    void expandsHereAndEnvironmentAndMakesPathsAbsolute() throws Exception {
        SupervisorctlConfig c = read("[supervisorctl]\nserverurl = unix://%(here)s/../run/s.sock\n"
                + "history_file = ~/.%(ENV_USER)s_history\nprompt = %(ENV_USER)s@box\nusername = %(ENV_USER)s\n"
                + "password = p%%w ; a comment\n");
        assertEquals("unix://" + dir.resolve("run/s.sock"), c.serverurl());
        assertEquals(Optional.of(Path.of("/home/me/.me_history")), c.historyFile());
        assertEquals("me@box", c.prompt());
        assertEquals(Optional.of("me"), c.username());
        assertEquals(Optional.of("p%w"), c.password());
    }

    @Test
    void relativeUnixSocketsResolveAgainstTheWorkingDirectoryAndDefaultsApply() throws Exception {
        SupervisorctlConfig c = read("[DEFAULT]\nprompt = dflt\n[supervisorctl]\nserverurl = unix://s.sock\n");
        assertEquals("unix://" + dir.resolve("cwd/s.sock"), c.serverurl());
        assertEquals("dflt", c.prompt());
    }

    @Test
    void onlyItsOwnSectionCounts() throws Exception {
        SupervisorctlConfig c = read("[program:broken]\ncommand=\nnumprocs=zero\n[include]\nfiles=nowhere/*.conf\n"
                + "[supervisorctl]\nserverurl=http://127.0.0.1:9002\n");
        assertEquals("http://127.0.0.1:9002", c.serverurl());
    }

    @Test
    void errorsAreSupervisorctls() throws Exception {
        assertEquals(".ini file does not include supervisorctl section",
                assertThrows(UsageException.class, () -> read("[supervisord]\n")).getMessage());
        assertEquals("could not find config file " + dir.resolve("none.conf"),
                assertThrows(UsageException.class, () -> CtlConfigFile.read(dir.resolve("none.conf"), host()))
                        .getMessage());
        String message = assertThrows(UsageException.class,
                () -> read("[supervisorctl]\nprompt = %(here)s\n")).getMessage();
        assertEquals("Format string '%(here)s' for 'supervisorctl.prompt' contains names ('here') which cannot be "
                + "expanded. Available names: ENV_HOME, ENV_USER", message);
        assertTrue(assertThrows(UsageException.class, () -> read("[supervisorctl]\nserverurl = %(nope)s\n"))
                .getMessage().endsWith("Available names: ENV_HOME, ENV_USER, here"));
    }
}
