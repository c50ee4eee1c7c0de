package io.jsupervisor.config.types;

import java.util.Optional;

/**
 * Whole numbers written as Python's {@code int(text, base)} accepts them: surrounding whitespace, a
 * sign, digits with single underscores between them, and for base 8 an optional {@code 0o} prefix.
 *
 * <p>Stateless and thread-safe.
 */
final class Numbers {
    private Numbers() {
    }

    static Optional<Integer> parseInt(String text) {
        return parse(text, 10);
    }

    static Optional<Integer> parseOctal(String text) {
        return parse(text, 8);
    }

    static Optional<Long> parseLong(String text) {
        return digits(text, 10).flatMap(d -> {
            try {
                return Optional.of(Long.parseLong(d));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Integer> parse(String text, int radix) {
        return digits(text, radix).flatMap(d -> {
            try {
                return Optional.of(Integer.parseInt(d, radix));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        });
    }

    /** The sign and digits of {@code text} without underscores or prefix, if it is a valid literal. */
    private static Optional<String> digits(String text, int radix) {
        String s = text.strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            out.append(s.charAt(0));
            i++;
        }
        if (radix == 8 && s.regionMatches(true, i, "0o", 0, 2)) {
            i += 2;
            if (i < s.length() && s.charAt(i) == '_') {
                i++;
            }
        }
        boolean lastWasDigit = false;
        int digitCount = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && lastWasDigit) {
                lastWasDigit = false;
                continue;
            }
            int digit = Character.digit(c, radix);
            if (digit < 0) {
                return Optional.empty();
            }
            out.append(Character.forDigit(digit, radix));
            lastWasDigit = true;
            digitCount++;
        }
        return digitCount > 0 && lastWasDigit ? Optional.of(out.toString()) : Optional.empty();
    }
}
