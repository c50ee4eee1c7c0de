package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.sun.security.auth.module.UnixSystem;
import io.jsupervisor.config.testing.Goldens;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs supervisord 4.2's own configuration code (Debian's python3-supervisor) on every golden input,
 * the bundled example and Debian's stock configuration, and checks that jsupervisor reads each the
 * same way, and that the committed golden files are what supervisord says today.
 */
class SupervisordParityIT {
    private static final String PYTHON = "/usr/bin/python3";

    @BeforeAll
    static void needsSupervisord() {
        RequiredTools.require(RequiredTools.runs(PYTHON, "-c", "import supervisor.options"),
                "supervisord's Python code", "apt-get install supervisor");
    }

    static Stream<Path> iniFiles() {
        return Goldens.iniFiles().stream();
    }

    static Stream<Path> configFiles() {
        List<Path> files = new ArrayList<>(Goldens.configFiles());
        Path examples = Path.of(System.getProperty("jsupervisor.home", "..")).resolve("examples");
        for (String example : List.of("supervisord.conf", "fcgi/supervisord.conf")) {
            files.add(examples.resolve(example).toAbsolutePath().normalize());
        }
        if (Files.exists(Path.of("/etc/supervisor/supervisord.conf"))) {
            files.add(Path.of("/etc/supervisor/supervisord.conf"));
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("iniFiles")
    void iniMatchesRawConfigParser(Path file) throws Exception {
        String supervisord = python("ini", file);
        assertEquals(supervisord, GoldenTest.iniJson(file));
        assertEquals(supervisord, Goldens.read(Path.of(file + ".json")), "golden file is stale; run golden.py regenerate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configFiles")
    void configurationMatchesSupervisord(Path file) throws Exception {
        int uid = (int) new UnixSystem().getUid();
        assertEquals(python("config", file), GoldenTest.configJson(file, uid));
        Path golden = Path.of(file + ".json");
        if (Files.exists(golden) && uid == 0) {
            assertEquals(python("config", file), Goldens.read(golden), "golden file is stale; run golden.py regenerate");
        }
    }

    @Test
    void valuesMatchSupervisord() throws Exception {
        Path cases = Goldens.root().resolve("values.json");
        String supervisord = python("values", cases);
        assertEquals(supervisord, GoldenTest.valuesJson(cases));
        assertEquals(supervisord, Goldens.read(Goldens.root().resolve("values.expected.json")));
    }

    private static String python(String command, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, Goldens.script().toString(), command, file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("golden.py " + command + " " + file + " failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
