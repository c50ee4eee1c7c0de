package io.jsupervisor.config.ini;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads INI text with exactly the rules supervisord gets from Python's {@code RawConfigParser}
 * configured with {@code inline_comment_prefixes=(';', '#')} and {@code strict=False}:
 * <ul>
 *   <li>{@code key=value} and {@code key: value}; the first {@code =} or {@code :} separates; option
 *       names are lower-cased, section names are kept as written;</li>
 *   <li>lines whose first non-blank character is {@code ;} or {@code #} are comments; inside a line,
 *       {@code ;} or {@code #} starts a comment only at the start or after whitespace;</li>
 *   <li>a line indented deeper than the line that named the option continues its value (joined
 *       with {@code \n}); blank lines inside a value are kept, trailing ones dropped; comment lines
 *       inside a value are skipped without ending it;</li>
 *   <li>no escapes and no interpolation: backslashes and {@code %} are kept as written.</li>
 * </ul>
 *
 * <p>Stateless; a new instance per document is not needed. Thread-safe.
 */
public final class IniReader {
    private static final String[] COMMENT_PREFIXES = {"#", ";"};

    /**
     * Reads {@code text} into {@code document}, continuing sections the document already has.
     * Lines that cannot be read are recorded as {@link IniDocument#errors()} and skipped.
     *
     * @param sourceName how locations name this source, normally the file's path
     */
    public void read(String text, String sourceName, IniDocument document) {
        new Pass(sourceName, document).run(splitLines(text));
    }

    /** Splits on {@code \n}, {@code \r\n} and {@code \r}, as Python's universal newlines do. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** One reading of one source: the cursor state RawConfigParser keeps while it reads. */
    private static final class Pass {
        private final String sourceName;
        private final IniDocument document;
        private IniSection section;
        private String option;
        private SourceLocation optionLocation;
        private List<String> optionLines;
        private int indentLevel;

        Pass(String sourceName, IniDocument document) {
            this.sourceName = sourceName;
            this.document = document;
        }

        void run(List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                if (!readLine(lines.get(i), new SourceLocation(sourceName, i + 1))) {
                    break;
                }
            }
            finishOption();
        }

        /** Returns false when reading must stop (text before any section header). */
        private boolean readLine(String line, SourceLocation where) {
            int commentStart = commentStart(line);
            String value = (commentStart < 0 ? line : line.substring(0, commentStart)).strip();
            if (value.isEmpty()) {
                if (commentStart < 0 && option != null) {
                    optionLines.add("");
                }
                return true;
            }
            int indent = firstNonSpace(line);
            if (section != null && option != null && indent > indentLevel) {
                optionLines.add(value);
                return true;
            }
            indentLevel = indent;
            if (value.startsWith("[") && value.indexOf(']', 2) > 0) {
                finishOption();
                section = document.openSection(value.substring(1, value.lastIndexOf(']')), where);
                return true;
            }
            if (section == null) {
                document.addError(new IniSyntaxError(where,
                        "text before the first section header: '" + line.strip()
                                + "' (a configuration starts with a [section] line)"));
                return false;
            }
            int separator = separatorIndex(value);
            if (separator < 0) {
                // RawConfigParser leaves the previous option open here, so deeper lines still continue it.
                document.addError(new IniSyntaxError(where, "line is neither a [section] header nor an "
                        + "option: '" + value + "' (expected name = value or name: value)"));
                return true;
            }
            String name = value.substring(0, separator).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                document.addError(new IniSyntaxError(where, "option without a name: '" + value + "'"));
            }
            finishOption();
            option = name;
            optionLocation = where;
            optionLines = new ArrayList<>();
            optionLines.add(value.substring(separator + 1).strip());
            return true;
        }

        private void finishOption() {
            if (option == null) {
                return;
            }
            String joined = String.join("\n", optionLines).stripTrailing();
            section.put(option, new IniValue(joined, optionLocation));
            option = null;
        }

        /** Index where a comment starts, or -1; full-line comments start at 0. */
        private static int commentStart(String line) {
            String stripped = line.strip();
            for (String prefix : COMMENT_PREFIXES) {
                if (stripped.startsWith(prefix)) {
                    return 0;
                }
            }
            int start = -1;
            for (String prefix : COMMENT_PREFIXES) {
                for (int i = line.indexOf(prefix); i >= 0; i = line.indexOf(prefix, i + 1)) {
                    if (i == 0 || Character.isWhitespace(line.charAt(i - 1))) {
                        start = start < 0 ? i : Math.min(start, i);
                        break;
                    }
                }
            }
            return start;
        }

        private static int firstNonSpace(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (!Character.isWhitespace(line.charAt(i))) {
                    return i;
                }
            }
            return 0;
        }

        private static int separatorIndex(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '=' || c == ':') {
                    return i;
                }
            }
            return -1;
        }
    }
}
