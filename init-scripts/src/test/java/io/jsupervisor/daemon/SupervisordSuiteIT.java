package io.jsupervisor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs supervisord's own end-to-end suite ({@code supervisor/tests/test_end_to_end.py} as Debian's
 * {@code supervisor} package installs it, unchanged) against {@code bin/jsupervisord}, and reports
 * each of its tests as a test of its own.
 *
 * <p>pytest runs the suite with the plugin {@code src/test/python/supervisord_suite.py}, which
 * starts the daemon under test wherever the suite starts {@code python -m supervisor.supervisord};
 * supervisorctl and pidproxy stay supervisord's. The tests that do not pass yet are listed, each
 * with its reason, in {@link #EXPECTED_FAILURES}: such a test
 * is reported as skipped with its reason; any other failure fails with the test's message and the
 * transcript of every command it ran, and a listed test that passes fails too, so that the list
 * shrinks as features land. See docs/testing.md.
 *
 * <p>With {@code -Dsupervisord.suite.reference=true} the same harness also runs the suite against
 * supervisord itself ({@code /usr/bin/supervisord}), which proves the harness.
 */
class SupervisordSuiteIT {
    static final Path HOME = LauncherIT.HOME;
    static final String PYTHON = "/usr/bin/python3";
    static final Path PLUGIN_DIR = HOME.resolve("init-scripts/src/test/python");
    static final Path RESULTS = Path.of("target", "supervisord-suite").toAbsolutePath();
    /** A whole run; the suite's own timeouts are 30 to 60 s per step, and each test gets 30 s to stop. */
    static final long RUN_LIMIT_MINUTES = 25;

    /** The suite's tests that fail against jsupervisord today, with why. Keep it to what really fails. */
    static final Map<String, String> EXPECTED_FAILURES = Map.of();

    @TestFactory
    Stream<DynamicTest> againstJsupervisord() throws Exception {
        return suite("jsupervisord", HOME.resolve("bin/jsupervisord").toString(), EXPECTED_FAILURES);
    }

    @TestFactory
    Stream<DynamicTest> againstSupervisord() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("supervisord.suite.reference"),
                "the reference run against supervisord itself runs with -Dsupervisord.suite.reference=true");
        RequiredTools.require(RequiredTools.runs("/usr/bin/supervisord", "--version"), "supervisord",
                "apt-get install supervisor");
        return suite("supervisord", "/usr/bin/supervisord", Map.of()); // every test passes against supervisord
    }

    /** A test case of pytest's JUnit XML: its name, and the failure and error texts, if any. */
    record Outcome(String name, List<String> problems, boolean skipped) {
    }

    private Stream<DynamicTest> suite(String label, String daemon, Map<String, String> expectedFailures)
            throws Exception {
        RequiredTools.require(RequiredTools.runs(PYTHON, "-c", "import pexpect, pytest, supervisor.tests.test_end_to_end"),
                "supervisord's end-to-end suite with pexpect and pytest",
                "apt-get install supervisor python3-pexpect python3-pytest");
        Path out = RESULTS.resolve(label);
        deleteTree(out);
        Files.createDirectories(out);
        Path suiteFile = Path.of(pythonOutput("import supervisor.tests.test_end_to_end as m; print(m.__file__)"));
        Files.writeString(out.resolve("pytest.ini"), "[pytest]\n");
        Path xml = out.resolve("results.xml");
        Path log = out.resolve("pytest.out");
        ProcessBuilder pytest = new ProcessBuilder(PYTHON, "-m", "pytest", "-c", "pytest.ini", "--rootdir", ".",
                "-p", "supervisord_suite", "-p", "no:cacheprovider", "-rA", "--junitxml=" + xml,
                suiteFile + "::EndToEndTests")
                .directory(out.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pytest.environment();
        env.put("SUPERVISORD_SUITE_DAEMON", daemon);
        env.put("SUPERVISORD_SUITE_OUT", out.toString());
        env.put("PYTHONPATH", PLUGIN_DIR.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written beside the installed suite
        env.put("JAVA_HOME", System.getProperty("java.home")); // the launcher runs on the JDK under test
        // One locale, whatever the caller's: the suite reads the daemon's output as UTF-8.
        env.remove("LC_ALL");
        env.remove("LC_CTYPE");
        env.put("LANG", "C.UTF-8");
        Process p = pytest.start();
        if (!p.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroy(); // SIGTERM: the plugin ends the session and kills what the run started
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
            }
            sweep();
            fail("the suite did not finish within " + RUN_LIMIT_MINUTES + " minutes against " + label + "; pytest:\n"
                    + tail(log));
        }
        int exit = p.exitValue();
        // pytest: 0 all passed, 1 some failed; anything else means the suite did not run properly.
        if ((exit != 0 && exit != 1) || !Files.exists(xml)) {
            fail("pytest exited " + exit + " against " + label + "; pytest:\n" + tail(log));
        }
        Map<String, Outcome> outcomes = parse(xml);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the suite ran, and every listed test is in it", () -> {
            assertFalse(outcomes.isEmpty(), "no test ran; pytest:\n" + tail(log));
            TreeSet<String> unknown = new TreeSet<>(expectedFailures.keySet());
            unknown.removeAll(outcomes.keySet());
            assertEquals(new TreeSet<>(), unknown, "listed tests that the suite does not have");
        }));
        for (Outcome o : outcomes.values()) {
            tests.add(DynamicTest.dynamicTest(o.name(), () -> judge(label, o, expectedFailures.get(o.name()),
                    out.resolve(o.name() + ".txt"))));
        }
        return tests.stream();
    }

    private static void judge(String label, Outcome o, String expectedFailure, Path transcript)
            throws IOException {
        if (o.skipped()) {
            fail(o.name() + " was skipped by pytest against " + label + ": " + o.problems());
        }
        boolean failed = !o.problems().isEmpty();
        if (failed && expectedFailure != null) {
            Assumptions.abort("fails as expected against " + label + ": " + expectedFailure);
        }
        if (failed) {
            fail(o.name() + " failed against " + label + ":\n" + String.join("\n", o.problems())
                    + "\n--- transcript (" + transcript + ") ---\n" + read(transcript));
        }
        assertTrue(expectedFailure == null, o.name() + " passed against " + label
                + ", but is listed as expected to fail (" + expectedFailure + "): remove it from the list");
    }

    /** pytest's JUnit XML, test cases in file order. */
    static Map<String, Outcome> parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList cases = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            List<String> problems = new ArrayList<>();
            boolean skipped = false;
            NodeList children = c.getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j) instanceof Element e) {
                    switch (e.getTagName()) {
                        case "failure", "error" -> problems.add(e.getTagName() + ": " + e.getAttribute("message"));
                        case "skipped" -> skipped = true;
                        default -> {
                        }
                    }
                }
            }
            outcomes.put(c.getAttribute("name"), new Outcome(c.getAttribute("name"), problems, skipped));
        }
        return outcomes;
    }

    /** After a pytest that had to be killed: what its run started is killed, under the run lock. */
    private static void sweep() throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(PYTHON, "-m", "supervisord_suite", "--sweep").inheritIO();
        b.environment().put("PYTHONPATH", PLUGIN_DIR.toString());
        b.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = b.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static String pythonOutput(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(PYTHON + " -c '" + code + "' failed: " + text);
        }
        return text;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
    }

    private static String tail(Path file) throws IOException {
        String text = read(file);
        return text.length() <= 20_000 ? text : "..." + text.substring(text.length() - 20_000);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
