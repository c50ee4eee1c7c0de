package io.jsupervisor.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * File name patterns as Python's {@code glob.glob} expands them for {@code [include] files}:
 * {@code *}, {@code ?} and {@code [...]} (with {@code [!...]} for negation) in any path component,
 * names starting with a dot matched only by a pattern component that starts with a dot, and no
 * {@code ~} or {@code **}. Results are sorted, as supervisord sorts them.
 *
 * <p>Stateless and thread-safe.
 */
final class Glob {
    private Glob() {
    }

    /** The existing paths matching an absolute pattern, sorted by their text. */
    static List<Path> matches(String absolutePattern) throws IOException {
        List<Path> found = new ArrayList<>();
        String[] parts = absolutePattern.split("/");
        collect(Path.of("/"), parts, 1, found);
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    private static void collect(Path base, String[] parts, int index, List<Path> found) throws IOException {
        if (index == parts.length) {
            if (Files.exists(base, LinkOption.NOFOLLOW_LINKS) || Files.exists(base)) {
                found.add(base);
            }
            return;
        }
        String part = parts[index];
        if (part.isEmpty()) {
            collect(base, parts, index + 1, found);
            return;
        }
        if (!hasMagic(part)) {
            Path next = base.resolve(part);
            if (index == parts.length - 1 || Files.isDirectory(next)) {
                collect(next, parts, index + 1, found);
            }
            return;
        }
        if (!Files.isDirectory(base)) {
            return;
        }
        Pattern regex = Pattern.compile(translate(part), Pattern.DOTALL);
        List<Path> children;
        try (Stream<Path> list = Files.list(base)) {
            children = list.toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith(".") && !part.startsWith(".")) {
                continue;
            }
            if (regex.matcher(name).matches() && (index == parts.length - 1 || Files.isDirectory(child))) {
                collect(child, parts, index + 1, found);
            }
        }
    }

    private static boolean hasMagic(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
    }

    /** fnmatch's translation of one pattern component into a regular expression. */
    static String translate(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    regex.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    } else if (set.startsWith("^")) {
                        set = "\\" + set;
                    }
                    regex.append('[').append(set.replace("[", "\\[")).append(']');
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
