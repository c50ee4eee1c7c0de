package io.jsupervisor.service.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.testing.Ports;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Playwright
 * ({@code src/test/browser/dashboard.test.mjs}, its npm package installed into
 * {@code target/browser} on first use) against a real daemon behind Basic auth: 401 without
 * credentials, the table, stop and start of a real program seen on the page, a followed log tail,
 * reread, and a program whose name and output are markup shown inert. The screenshot is kept as
 * {@code target/dashboard.png}.
 */
class DashboardBrowserIT {
    static final String EVIL = "<b>evil&amp;<i>";
    private static final Path BROWSER_SOURCES = Path.of("src/test/browser");
    private static final Path BROWSER = Path.of("target/browser");
    private static final long NODE_SECONDS = 240;

    @TempDir
    Path dir;

    @Test
    void aUserLogsInWatchesStopsStartsAndTailsInChromium() throws Exception {
        RequiredTools.require(RequiredTools.runs("node", "--version") && RequiredTools.runs("npm", "--version"),
                "Node.js 20 and npm", "install Node.js 20 or later");
        RequiredTools.require(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's chromium",
                "apt-get install chromium");
        installPlaywright();
        int port = Ports.freePort();
        try (DaemonHarness d = DaemonHarness.start(dir, "", "[inet_http_server]\nport=127.0.0.1:" + port
                + "\nusername=alice\npassword=secret\n\n"
                + "[program:web]\ncommand=/bin/sh -c 'while :; do echo \"tick $(date +%%s)\"; sleep 0.3; done'\n"
                + "startsecs=0\n\n[group:pool]\nprograms=web\n\n"
                + "[program:" + EVIL + "]\ncommand=/bin/sh -c 'echo \"<script>window.pwned=1</script>"
                + "<img src=x onerror=window.pwned=2>\"; exec sleep 31601'\nstartsecs=0\n")) {
            d.await("success: web entered RUNNING state, .*");
            Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            Path output = dir.resolve("browser.out");
            ProcessBuilder node = new ProcessBuilder("node", "dashboard.test.mjs").directory(BROWSER.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().putAll(Map.of("BASE_URL", "http://127.0.0.1:" + port + "/", "USERNAME", "alice",
                    "PASSWORD", "secret", "SCREENSHOT", screenshot.toString(), "EVIL", EVIL));
            Process run = node.start();
            if (!run.waitFor(NODE_SECONDS, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new AssertionError("the browser test did not end within " + NODE_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, run.exitValue(), printed);
            for (String step : List.of("the page without credentials is 401", "stop: pool:web turned STOPPED",
                    "start: pool:web turned RUNNING again", "tail: the log follows", "a name made of markup shows as its text",
                    "log text made of markup shows as text", "no script from a name or a log ran")) {
                assertTrue(printed.contains("ok: " + step), "no '" + step + "' in:\n" + printed);
            }
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot was saved");
            d.stopCleanly();
        }
    }

    /** Copies the browser test to target/browser and installs its locked npm packages there, once. */
    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(BROWSER);
        for (String file : List.of("package.json", "package-lock.json", "dashboard.test.mjs")) {
            Files.copy(BROWSER_SOURCES.resolve(file), BROWSER.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(BROWSER.toFile())
                .redirectErrorStream(true).redirectOutput(BROWSER.resolve("npm.out").toFile()).start();
        if (!npm.waitFor(NODE_SECONDS, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci failed:\n" + Files.readString(BROWSER.resolve("npm.out")));
        }
    }
}
