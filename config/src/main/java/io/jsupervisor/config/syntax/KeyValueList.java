package io.jsupervisor.config.syntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses supervisord's {@code environment=} syntax ({@code KEY="value",KEY2=value2}) exactly as
 * supervisord 4.2 does: Python's legacy (non-POSIX) {@code shlex} splits the text into tokens, word
 * characters being letters, digits and {@code _/.+-():}; each key/value pair is three tokens
 * ({@code KEY}, {@code =}, value) followed by one separator token of any kind; quote characters are
 * stripped from both ends of a value.
 *
 * <p>Consequences users meet: a value holding characters outside the word set (such as {@code $},
 * {@code ,} or a space) must be quoted; a backslash does not escape; {@code #} outside quotes starts a
 * comment that runs to the end of the line.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyValueList {
    private static final String WORD_CHARS =
            "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():";
    private static final String WHITESPACE = " \t\r\n";
    private static final String QUOTES = "'\"";

    private KeyValueList() {
    }

    /** Parses {@code text} into an insertion-ordered, unmodifiable map. */
    public static Map<String, String> parse(String text) throws SyntaxException {
        List<String> tokens = tokens(text);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i += 4) {
            if (i + 2 >= tokens.size() || !tokens.get(i + 1).equals("=")) {
                throw new SyntaxException("unexpected end of key/value pairs in '" + text
                        + "' (expected KEY=value pairs separated by commas; quote values that hold "
                        + "characters other than letters, digits and _/.+-():)");
            }
            pairs.put(tokens.get(i), stripQuotes(tokens.get(i + 2)));
        }
        return Collections.unmodifiableMap(pairs);
    }

    private static String stripQuotes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && QUOTES.indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && QUOTES.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(start, end);
    }

    /** The token stream of Python's {@code shlex.shlex(text)} in its default, non-POSIX mode. */
    static List<String> tokens(String text) throws SyntaxException {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        char state = ' ';
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (state == ' ') {
                if (WHITESPACE.indexOf(c) >= 0) {
                    continue;
                } else if (c == '#') {
                    i = endOfLine(text, i);
                } else if (WORD_CHARS.indexOf(c) >= 0) {
                    token.append(c);
                    state = 'a';
                } else if (QUOTES.indexOf(c) >= 0) {
                    token.append(c);
                    state = c;
                } else {
                    tokens.add(String.valueOf(c));
                }
            } else if (state == 'a') {
                if (c == '#') {
                    // Legacy shlex drops the rest of the line but keeps building the same word.
                    i = endOfLine(text, i);
                } else if (WORD_CHARS.indexOf(c) >= 0 || QUOTES.indexOf(c) >= 0) {
                    token.append(c);
                } else {
                    tokens.add(token.toString());
                    token.setLength(0);
                    state = ' ';
                    if (WHITESPACE.indexOf(c) < 0) {
                        i--; // read this character again as the start of the next token
                    }
                }
            } else {
                token.append(c);
                if (c == state) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    state = ' ';
                }
            }
        }
        if (state == '\'' || state == '"') {
            throw new SyntaxException("no closing quotation in '" + text + "'");
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static int endOfLine(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline + 1;
    }
}
