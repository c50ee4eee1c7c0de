package io.jsupervisor.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.daemon.InstalledDistribution.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a user gets it: unpacked, installed with its install.sh into a
 * temporary root, and run from there.
 */
class DistributionIT {
    @TempDir
    Path root;

    @Test
    void theArchiveHoldsTheLaunchersLibrariesConfigurationAndBootFiles() throws Exception {
        InstalledDistribution d = InstalledDistribution.install(root);
        Path top = d.archiveTop();
        assertTrue(top.getFileName().toString().matches("jsupervisor-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), top.toString());
        for (String executable : new String[] {"bin/jsupervisord", "bin/jsupervisorctl", "init.d/jsupervisor", "install.sh"}) {
            assertTrue(Files.isExecutable(top.resolve(executable)), executable);
        }
        for (String file : new String[] {"etc/conf.d/example.conf.sample", "systemd/jsupervisor.service",
                "default/jsupervisor", "docs/install.md", "bin/lib/daemon-jvm.sh"}) {
            assertTrue(Files.isRegularFile(top.resolve(file)), file);
        }
        assertTrue(Files.readString(top.resolve("etc/jsupervisord.conf")).contains("[include]\nfiles = conf.d/*.conf"));
        try (var jars = Files.list(top.resolve("lib"))) {
            var names = jars.map(p -> p.getFileName().toString()).toList();
            for (String prefix : new String[] {"jsupervisor-init-scripts-", "jsupervisor-service-", "jsupervisor-jmx-",
                    "commons-daemon-", "jnr-ffi-"}) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith(".jar")), prefix + " in " + names);
            }
        }
        // installed: the init script reads the installed settings file, whose paths install.sh filled in
        assertTrue(Files.readString(d.initScript).contains("DEFAULTS=${JSUPERVISOR_DEFAULTS:-" + d.defaults + "}"));
        String defaults = Files.readString(d.defaults);
        assertTrue(defaults.contains("\nJSUPERVISOR_HOME=" + d.prefix + "\n"), defaults);
        assertTrue(defaults.contains("\nJSUPERVISOR_CONF=" + d.confDir.resolve("jsupervisord.conf") + "\n"), defaults);
        assertTrue(Files.readString(d.confDir.resolve("jsupervisord.conf")).contains("childlogdir=" + d.logDir + "\n"));
    }

    @Test
    void theInstalledDaemonRunsTheInstalledConfigurationWithItsConfD() throws Exception {
        InstalledDistribution d = InstalledDistribution.install(root);
        d.keepRunFilesInRoot();
        Files.writeString(d.confDir.resolve("conf.d/hello.conf"),
                "[program:hello]\ncommand=/bin/sh -c 'echo hello from the distribution; exec sleep 30011'\n");
        Path out = root.resolve("daemon.out");
        Process daemon = new ProcessBuilder(d.prefix.resolve("bin/jsupervisord").toString(), "-n", "-c",
                d.confDir.resolve("jsupervisord.conf").toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            until("hello to run", () -> status(d).contains("RUNNING"));
            assertTrue(Files.readString(out).contains("Included extra file \"" + d.confDir.resolve("conf.d/hello.conf")),
                    Files.readString(out));
            until("hello's output in the installed log directory", () -> childLogs(d).contains("hello from the distribution"));
            assertEquals(new Result(0, "Shut down\n", ""), d.ctl("shutdown"));
            assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the daemon did not stop");
            assertEquals(0, daemon.exitValue());
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void withoutDashNTheDaemonPointsAtJsvcAndExits2() throws Exception {
        InstalledDistribution d = InstalledDistribution.install(root);
        Result r = d.run(Map.of(), d.prefix.resolve("bin/jsupervisord").toString(), "-c",
                d.confDir.resolve("jsupervisord.conf").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().endsWith("Error: jsupervisord runs in the background through jsvc (the init script, docs/install.md); "
                + "run jsupervisord in the foreground with -n (or nodaemon=true)\nFor help, use jsupervisord -h\n"), r.err());
    }

    @Test
    void reinstallingKeepsTheConfigurationAndSettings() throws Exception {
        InstalledDistribution d = InstalledDistribution.install(root);
        Path conf = d.confDir.resolve("jsupervisord.conf");
        Files.writeString(conf, Files.readString(conf) + "\n; edited by the operator\n");
        Files.writeString(d.defaults, Files.readString(d.defaults) + "JSUPERVISOR_JAVA_OPTS=-Xmx96m\n");
        InstalledDistribution.install(root);
        assertTrue(Files.readString(conf).endsWith("; edited by the operator\n"));
        assertTrue(Files.readString(d.defaults).endsWith("JSUPERVISOR_JAVA_OPTS=-Xmx96m\n"));
    }

    @Test
    void theInstalledSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        RequiredTools.require(RequiredTools.runs("systemd-analyze", "--version"), "systemd-analyze", "apt-get install systemd");
        InstalledDistribution d = InstalledDistribution.install(root);
        String unit = Files.readString(d.unit);
        assertTrue(unit.contains("ExecStart=" + d.prefix + "/bin/jsupervisord -n -c " + d.confDir + "/jsupervisord.conf\n"), unit);
        assertTrue(unit.contains("ExecReload=/bin/kill -HUP $MAINPID\n"), unit);
        assertTrue(unit.contains("EnvironmentFile=-" + d.defaults + "\n"), unit);
        Result verify = d.run(Map.of("SYSTEMD_LOG_LEVEL", "info"), "systemd-analyze", "verify", d.unit.toString());
        assertEquals(0, verify.exit(), verify.toString());
        assertEquals("", verify.err().lines().filter(line -> line.contains("jsupervisor.service"))
                .reduce("", (a, b) -> a + b + "\n"), "systemd-analyze's remarks on the unit");
    }

    /**
     * Debian's own supervisor configuration, as the supervisor package installs it, read and run by
     * the installed daemon and driven by the stock supervisorctl with its default configuration.
     */
    @Test
    void runsDebiansSupervisorConfigurationWhenPointedAtIt() throws Exception {
        Path debian = Path.of("/etc/supervisor/supervisord.conf");
        RequiredTools.require(Files.isRegularFile(debian), "Debian's supervisor configuration", "apt-get install supervisor");
        InstalledDistribution d = InstalledDistribution.install(root);
        String jsupervisord = d.prefix.resolve("bin/jsupervisord").toString();
        Result check = d.run(Map.of(), jsupervisord, "--check-config", "-c", debian.toString());
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().startsWith(debian + ": configuration is valid\n"), check.out());

        Path socket = Path.of("/var/run/supervisor.sock");
        if (Files.exists(socket)) {
            Result stale = d.run(Map.of(), "supervisorctl", "pid");
            assertTrue(stale.exit() != 0, "a supervisord runs on " + socket + "; stop it to run this test: " + stale);
        }
        // logs and pidfile away from /var, as supervisord's -l, -j and -q put them
        Process daemon = new ProcessBuilder(jsupervisord, "-n", "-c", debian.toString(), "-l", root.resolve("d.log").toString(),
                "-j", root.resolve("d.pid").toString(), "-q", root.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("daemon.out").toFile()).start();
        try {
            until("the daemon to answer the stock supervisorctl on Debian's socket",
                    () -> stockCtl(d, "pid").out().strip().equals(Long.toString(daemon.pid())));
            assertEquals(new Result(0, "Shut down\n", ""), stockCtl(d, "shutdown"));
            assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the daemon did not stop");
            assertEquals(0, daemon.exitValue());
            assertTrue(Files.readString(root.resolve("d.log")).contains("supervisord started with pid " + daemon.pid()));
        } finally {
            daemon.destroyForcibly();
        }
    }

    /** Debian's supervisorctl with no -c: it reads /etc/supervisor/supervisord.conf. */
    private static Result stockCtl(InstalledDistribution d, String command) {
        try {
            return d.run(Map.of(), "supervisorctl", command);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String status(InstalledDistribution d) {
        try {
            return d.ctl("status", "hello").out();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String childLogs(InstalledDistribution d) {
        try (var logs = Files.list(d.logDir)) {
            StringBuilder all = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("hello-stdout")).toList()) {
                all.append(Files.readString(log));
            }
            return all.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
