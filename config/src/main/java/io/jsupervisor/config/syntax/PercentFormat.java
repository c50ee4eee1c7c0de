package io.jsupervisor.config.syntax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code str % mapping} formatting, as supervisord applies it to configuration values:
 * {@code %(name)s}, {@code %(process_num)02d}, {@code %%} and the other conversions with their
 * flags, width and precision. Mapping values are {@link String}s or {@link Integer}s, as supervisord's
 * expansion dictionaries hold.
 *
 * <p>One deliberate difference: a conversion without a {@code (name)}, such as a lone {@code %s}, is
 * rejected. Python would format the whole dictionary into the value, which is never what a
 * configuration means.
 *
 * <p>Stateless and thread-safe.
 */
public final class PercentFormat {
    private PercentFormat() {
    }

    /** Expands {@code template} against {@code names}. */
    public static String format(String template, Map<String, ?> names) throws FormatException {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= n) {
                throw FormatException.malformed("incomplete format: '%' at the end (write %% for a literal %)");
            }
            if (template.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            String key = null;
            if (template.charAt(i) == '(') {
                int depth = 1;
                int start = ++i;
                while (i < n && depth > 0) {
                    char k = template.charAt(i++);
                    depth += k == '(' ? 1 : k == ')' ? -1 : 0;
                }
                if (depth > 0) {
                    throw FormatException.malformed("incomplete format key: '%(' without ')'");
                }
                key = template.substring(start, i - 1);
            }
            Spec spec = new Spec();
            i = spec.parse(template, i);
            if (i >= n) {
                throw FormatException.malformed("incomplete format: '%' without a conversion character "
                        + "(write %% for a literal %)");
            }
            char conversion = template.charAt(i++);
            if ("sradiuoxXeEfFgGc".indexOf(conversion) < 0) {
                throw FormatException.malformed(String.format(Locale.ROOT,
                        "unsupported format character '%c' (0x%x) at index %d", conversion, (int) conversion, i - 1));
            }
            if (key == null) {
                throw FormatException.malformed("'%" + conversion + "' has no (name); write %% for a literal %");
            }
            if (!names.containsKey(key)) {
                throw FormatException.unknownName(key);
            }
            out.append(spec.render(conversion, names.get(key)));
        }
        return out.toString();
    }

    /** Flags, width and precision of one conversion. */
    private static final class Spec {
        boolean left;
        boolean plus;
        boolean space;
        boolean alternate;
        boolean zero;
        int width = -1;
        int precision = -1;

        int parse(String t, int i) throws FormatException {
            int n = t.length();
            for (; i < n; i++) {
                char f = t.charAt(i);
                if (f == '-') {
                    left = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    alternate = true;
                } else if (f == '0') {
                    zero = true;
                } else {
                    break;
                }
            }
            if (i < n && t.charAt(i) == '*') {
                throw FormatException.malformed("'*' width needs a positional argument, not a (name)");
            }
            int start = i;
            while (i < n && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(t.substring(start, i));
            }
            if (i < n && t.charAt(i) == '.') {
                start = ++i;
                if (i < n && t.charAt(i) == '*') {
                    throw FormatException.malformed("'*' precision needs a positional argument, not a (name)");
                }
                while (i < n && Character.isDigit(t.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(t.substring(start, i)) : 0;
            }
            while (i < n && "hlL".indexOf(t.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        String render(char conversion, Object value) throws FormatException {
            switch (conversion) {
                case 's':
                    return pad(truncate(String.valueOf(value)));
                case 'r':
                case 'a':
                    return pad(truncate(repr(value)));
                case 'c':
                    return pad(character(value));
                default:
                    break;
            }
            if (!(value instanceof Integer)) {
                String kind = "oxX".indexOf(conversion) >= 0 ? "an integer is required" : "a real number is required";
                throw FormatException.malformed("%" + conversion + " format: " + kind + ", not str");
            }
            long v = (Integer) value;
            String digits;
            String prefix = "";
            switch (conversion) {
                case 'o':
                    digits = Long.toOctalString(Math.abs(v));
                    prefix = alternate ? "0o" : "";
                    break;
                case 'x':
                    digits = Long.toHexString(Math.abs(v));
                    prefix = alternate ? "0x" : "";
                    break;
                case 'X':
                    digits = Long.toHexString(Math.abs(v)).toUpperCase(Locale.ROOT);
                    prefix = alternate ? "0X" : "";
                    break;
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G':
                    digits = floating(conversion, Math.abs((double) v));
                    break;
                default:
                    digits = Long.toString(Math.abs(v));
                    if (precision > digits.length()) {
                        digits = "0".repeat(precision - digits.length()) + digits;
                    }
                    break;
            }
            String sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
            String head = sign + prefix;
            if (zero && !left && width > head.length() + digits.length()) {
                return head + "0".repeat(width - head.length() - digits.length()) + digits;
            }
            return pad(head + digits);
        }

        private String floating(char conversion, double v) {
            int p = precision < 0 ? 6 : precision;
            switch (conversion) {
                case 'e':
                case 'E': {
                    String s = String.format(Locale.ROOT, "%." + p + "e", v);
                    return conversion == 'E' ? s.toUpperCase(Locale.ROOT) : s;
                }
                case 'g':
                case 'G': {
                    int significant = p == 0 ? 1 : p;
                    int exponent = v == 0 ? 0 : (int) Math.floor(Math.log10(v));
                    String s;
                    if (exponent >= -4 && exponent < significant) {
                        s = new BigDecimal(v).setScale(significant - 1 - exponent, RoundingMode.HALF_EVEN)
                                .toPlainString();
                        if (!alternate && s.contains(".")) {
                            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
                        }
                    } else {
                        s = String.format(Locale.ROOT, "%." + (significant - 1) + "e", v);
                        if (!alternate) {
                            s = s.replaceAll("\\.?0+e", "e");
                        }
                    }
                    return conversion == 'G' ? s.toUpperCase(Locale.ROOT) : s;
                }
                default:
                    return String.format(Locale.ROOT, "%." + p + "f", v);
            }
        }

        private String character(Object value) throws FormatException {
            if (value instanceof Integer) {
                return new String(Character.toChars((Integer) value));
            }
            String s = String.valueOf(value);
            if (s.codePointCount(0, s.length()) != 1) {
                throw FormatException.malformed("%c requires an int or a single character");
            }
            return s;
        }

        private String truncate(String s) {
            return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }

        private String pad(String s) {
            if (width <= s.length()) {
                return s;
            }
            String fill = " ".repeat(width - s.length());
            return left ? s + fill : fill + s;
        }

        private static String repr(Object value) {
            return value instanceof Integer ? value.toString() : PythonText.repr(value.toString());
        }
    }
}
