package io.jsupervisor.service.xmlrpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr()} of a float, which is how supervisord's XML-RPC writes a {@code <double>}:
 * the shortest decimal that reads back as the same double (the nearest such one if several), in
 * positional form when that decimal is at least 0.0001 and below 1e16 ({@code 0.0001},
 * {@code 1000000000000000.0}), otherwise in exponent form ({@code 1e-05}, {@code 1e+16},
 * {@code 1.5e+300}); {@code inf}, {@code -inf}, {@code nan} and {@code -0.0} as Python spells them.
 *
 * <p>The digits are computed here rather than taken from {@link Double#toString}, which on JDK 17
 * does not always give the shortest digits (JDK 19 fixed it), so that the output is the same on
 * every JDK. Stateless and thread-safe.
 */
final class PythonFloat {
    private PythonFloat() {
    }

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // The value is 0.<digits> times ten to the power of point.
        int point = digits.length() - shortest.scale();
        if (point <= -4 || point > 16) {
            return sign + exponentForm(digits, point - 1);
        }
        if (point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return sign + digits + "0".repeat(point - digits.length()) + ".0";
        }
        return sign + digits.substring(0, point) + "." + digits.substring(point);
    }

    private static String exponentForm(String digits, int exponent) {
        StringBuilder b = new StringBuilder().append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            b.append('0');
        }
        return b.append(magnitude).toString();
    }

    /**
     * The fewest significant digits that read back as {@code value} (positive and finite); 17 always
     * do. Of the two candidates with a given number of digits, the one below and the one above the
     * exact value, both may read back (the gap to the neighbouring doubles is uneven at powers of
     * two), and then the nearer one wins, as in Python.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; ; precision++) {
            BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean belowReads = below.doubleValue() == value;
            boolean aboveReads = above.doubleValue() == value;
            if (belowReads && aboveReads) {
                int nearer = exact.subtract(below).compareTo(above.subtract(exact));
                return nearer < 0 ? below
                        : nearer > 0 ? above
                        : exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            }
            if (belowReads) {
                return below;
            }
            if (aboveReads) {
                return above;
            }
        }
    }
}
