package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the options the code reads, section by section. */
class OptionDocsTest {
    private static final Path DOC = Path.of("../docs/configuration.md");
    private static final Pattern HEADING = Pattern.compile("^### `\\[([^\\]]+)\\]`");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\|");

    /** Option names in each documented section's table. */
    private static Map<String, Set<String>> documented() throws IOException {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(DOC)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.find()) {
                current = heading.group(1);
                sections.put(current, new TreeSet<>());
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (current != null && row.find()) {
                sections.get(current).add(row.group(1));
            }
        }
        return sections;
    }

    @Test
    void everySectionTableNamesExactlyTheOptionsTheCodeReads() throws IOException {
        Map<String, Set<String>> documented = documented();
        OptionCatalog.bySection().forEach((section, options) -> {
            Set<String> declared = options.stream().map(OptionSpec::name).collect(Collectors.toCollection(TreeSet::new));
            Set<String> inDocs = new TreeSet<>(documented.getOrDefault(section, Set.of()));
            if (section.equals("fcgi-program:x")) {
                inDocs.addAll(documented.get("program:x"));
            } else if (section.equals("eventlistener:x")) {
                inDocs.addAll(documented.get("program:x"));
            }
            assertEquals(declared, inDocs, "options of [" + section + "] in " + DOC);
        });
    }

    @Test
    void everyEventTypeIsListed() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = EventListenerPoolConfig.EVENT_TYPES.stream()
                .filter(e -> !doc.contains("`" + e + "`")).toList();
        assertTrue(missing.isEmpty(), "event types missing from " + DOC + ": " + missing);
    }
}
