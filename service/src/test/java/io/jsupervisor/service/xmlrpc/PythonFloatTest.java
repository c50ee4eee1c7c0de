package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's {@code repr()} of floats, as Python 3 prints them (many more in {@link XmlRpcPythonIT}). */
class PythonFloatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.1, 0.1",
        "0.3, 0.3",
        "1.1, 1.1",
        "0x1.5555555555555p-2, 0.3333333333333333",
        "0x1.5555555555555p-1, 0.6666666666666666",
        "1.0, 1.0",
        "100.0, 100.0",
        "-1.5, -1.5",
        "0.0, 0.0",
        "-0.0, -0.0",
        "123456789.0, 123456789.0",
        // Positional up to 16 digits before the point, then exponent form with a sign and 2+ digits.
        "1e15, 1000000000000000.0",
        "9999999999999998.0, 9999999999999998.0",
        "1e16, 1e+16",
        "1.5e300, 1.5e+300",
        "1e22, 1e+22",
        // Positional down to 0.0001.
        "1e-4, 0.0001",
        "0.000123456, 0.000123456",
        "1e-5, 1e-05",
        "1e-7, 1e-07",
        // JDK 17's Double.toString gives 9.999999999999999E22 and 2.82879384806159008E17 for these.
        "1e23, 1e+23",
        "2.82879384806159e17, 2.82879384806159e+17",
        // Extremes: the smallest subnormal, the smallest normal, the largest.
        "0x0.0000000000001p-1022, 5e-324",
        "0x0.0000000000003p-1022, 1.5e-323",
        "0x1.0p-1022, 2.2250738585072014e-308",
        "0x1.fffffffffffffp+1023, 1.7976931348623157e+308",
    })
    void reprAsPython(String value, String repr) {
        assertEquals(repr, PythonFloat.repr(Double.parseDouble(value)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Infinity, inf", "-Infinity, -inf", "NaN, nan"})
    void nonFiniteAsPython(String value, String repr) {
        assertEquals(repr, PythonFloat.repr(Double.parseDouble(value)));
    }
}
