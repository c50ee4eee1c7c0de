package io.jsupervisor.config.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command=} line into words as supervisord does, with Python's
 * {@code shlex.split} (POSIX mode): whitespace separates words; single quotes keep everything
 * literally; double quotes keep everything but {@code \"} and {@code \\}; a backslash outside quotes
 * keeps the next character; adjacent quoted and unquoted parts form one word; {@code ""} is an
 * empty word. There is no variable or glob expansion.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String text) throws SyntaxException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (++i >= text.length()) {
                        throw new SyntaxException("No escaped character");
                    }
                    word.append(text.charAt(i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new SyntaxException("No closing quotation");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
