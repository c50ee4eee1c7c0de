package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.jsupervisor.config.model.ConfigDiff;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.testing.Goldens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff reread reports: groups added, changed (any setting, fcgi socket details included) and removed. */
class ConfigDiffTest {
    @TempDir
    Path dir;

    private Configuration load(String text) throws IOException, ConfigException {
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, "[supervisord]\nlogfile=" + dir + "/s.log\n" + text);
        return new ConfigLoader(Goldens.host(dir, 0)).load(file);
    }

    private ConfigDiff diff(String before, String after) throws IOException, ConfigException {
        return ConfigDiff.between(load(before).groups(), load(after).groups());
    }

    @Test
    void identicalConfigurationsHaveNoDifferences() throws Exception {
        String text = "[program:a]\ncommand=/bin/true\n[program:b]\ncommand=/bin/false\n";
        assertTrue(diff(text, text).isEmpty());
    }

    @Test
    void movingAProgramToAnotherLineChangesNothing() throws Exception {
        assertTrue(diff("[program:a]\ncommand=/bin/true\n\n\n[program:b]\ncommand=/bin/false\n",
                "[program:b]\ncommand=/bin/false\n[program:a]\ncommand=/bin/true\n").isEmpty());
    }

    @Test
    void reportsAddedChangedAndRemovedGroups() throws Exception {
        ConfigDiff diff = diff("[program:keep]\ncommand=/bin/true\n[program:edit]\ncommand=/bin/true\n"
                        + "[program:drop]\ncommand=/bin/true\n",
                "[program:keep]\ncommand=/bin/true\n[program:edit]\ncommand=/bin/true\nstartsecs=5\n"
                        + "[program:new]\ncommand=/bin/true\n");
        assertEquals(new ConfigDiff(List.of("new"), List.of("edit"), List.of("drop")), diff);
    }

    @Test
    void changingOneMemberChangesTheWholeHeterogeneousGroup() throws Exception {
        String common = "[group:site]\nprograms=web,worker\n[program:worker]\ncommand=/bin/true\n";
        ConfigDiff diff = diff(common + "[program:web]\ncommand=/bin/true\n",
                common + "[program:web]\ncommand=/bin/true --verbose\n");
        assertEquals(List.of("site"), diff.changed());
    }

    @Test
    void changingTheGlobalEnvironmentChangesEveryGroup() throws Exception {
        String programs = "[program:a]\ncommand=/bin/true\n[program:b]\ncommand=/bin/true\n";
        Configuration before = load(programs);
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, "[supervisord]\nlogfile=" + dir + "/s.log\nenvironment=MODE=blue\n" + programs);
        Configuration after = new ConfigLoader(Goldens.host(dir, 0)).load(file);
        assertEquals(List.of("a", "b"), ConfigDiff.between(before.groups(), after.groups()).changed());
    }

    @Test
    void fcgiSocketModeOwnerAndBacklogChangesAreNoticed() throws Exception {
        String base = "[fcgi-program:php]\ncommand=/usr/bin/php-cgi\nsocket=unix://" + dir + "/php.sock\n";
        assertEquals(List.of("php"), diff(base, base + "socket_mode=0660\n").changed());
        assertEquals(List.of("php"), diff(base, base + "socket_owner=nobody\n").changed());
        assertEquals(List.of("php"), diff(base, base + "socket_backlog=64\n").changed());
        assertEquals(List.of("php"), diff(base, base + "socket_handoff=systemd\n").changed());
        assertTrue(diff(base, base).isEmpty());
    }

    @Test
    void aGroupThatBecomesAnEventListenerPoolIsChanged() throws Exception {
        assertEquals(List.of("x"), diff("[program:x]\ncommand=/bin/cat\n",
                "[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_5\npriority=999\n").changed());
    }
}
