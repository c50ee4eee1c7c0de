package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.jsupervisor.config.ini.IniDocument;
import io.jsupervisor.config.ini.IniReader;
import io.jsupervisor.config.syntax.FormatException;
import io.jsupervisor.config.syntax.KeyValueList;
import io.jsupervisor.config.syntax.PercentFormat;
import io.jsupervisor.config.syntax.SyntaxException;
import io.jsupervisor.config.testing.ConfigJson;
import io.jsupervisor.config.testing.Goldens;
import io.jsupervisor.config.testing.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jsupervisor reads every golden input exactly as supervisord 4.2 does: the expected files were
 * written by supervisord's own Python code ({@code src/test/python/golden.py}); the parity
 * integration test re-creates them live, so they cannot drift from it.
 */
class GoldenTest {

    static Stream<Path> iniFiles() {
        return Goldens.iniFiles().stream();
    }

    static Stream<Path> configFiles() {
        return Goldens.configFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("iniFiles")
    void iniReadAsRawConfigParserReadsIt(Path file) {
        assertGolden(Path.of(file + ".json"), iniJson(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configFiles")
    void configurationBuiltAsSupervisordBuildsIt(Path file) throws ConfigException {
        assertGolden(Path.of(file + ".json"), configJson(file, 0));
    }

    @Test
    void valuesParsedAndExpandedAsSupervisordDoes() {
        assertGolden(Goldens.root().resolve("values.expected.json"), valuesJson(Goldens.root().resolve("values.json")));
    }

    /** Compares with a golden file; on a difference the actual text is kept under target/ for diffing. */
    static void assertGolden(Path golden, String actual) {
        String expected = Goldens.read(golden);
        if (!expected.equals(actual)) {
            Path kept = Path.of("target/golden-actual").resolve(Goldens.root().relativize(golden));
            try {
                Files.createDirectories(kept.getParent());
                Files.writeString(kept, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(expected, actual, "differs from " + golden + "; actual text kept in " + kept);
        }
    }

    static String iniJson(Path file) {
        IniDocument document = new IniDocument();
        new IniReader().read(Goldens.read(file), file.toString(), document);
        return ConfigJson.ini(document);
    }

    static String configJson(Path file, int uid) throws ConfigException {
        Path here = file.getParent();
        return ConfigJson.config(new ConfigLoader(Goldens.host(here, uid)).load(file), here.toString());
    }

    @SuppressWarnings("unchecked")
    static String valuesJson(Path casesFile) {
        List<Object> cases = (List<Object>) Json.read(Goldens.read(casesFile));
        List<Object> results = cases.stream().map(c -> {
            Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) c);
            String input = (String) result.get("input");
            try {
                result.put("value", result.get("kind").equals("environment") ? KeyValueList.parse(input)
                        : PercentFormat.format(input, (Map<String, Object>) result.get("names")));
            } catch (SyntaxException | FormatException e) {
                result.put("error", true);
            }
            return (Object) result;
        }).toList();
        return Json.write(results);
    }
}
