package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.jsupervisor.config.testing.RequiredTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link XmlRpcWriter} against Python 3's own {@code xmlrpc.client.dumps}, which supervisord writes
 * every response with: each case (every value type, supervisord's own structs, escaping, unicode,
 * faults, calls, thousands of doubles and hundreds of random value trees) is written by both, and
 * the bytes must be the same. Python's bodies must also read back, through {@link XmlRpcReader}, as
 * the values they were made from. {@code src/test/python/xmlrpc_dumps.py} does Python's part.
 */
class XmlRpcPythonIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/xmlrpc_dumps.py");
    /** In place of a value that reads back: Python's body is not XML, and the reader must say so. */
    private static final Object NOT_XML = new Object();

    private static final List<Case> CASES = allCases();
    /** Python's bodies by case name, or null without Python. */
    private static Map<String, byte[]> python;

    @BeforeAll
    static void askPython() throws IOException, InterruptedException {
        if (RequiredTools.runs(PYTHON, "-c", "import xmlrpc.client")) {
            python = dumps(CASES);
        }
    }

    /**
     * Python's body for {@code c}. Each test checks for Python itself, not {@code @BeforeAll}, so that
     * without Python every test shows as skipped, with the reason, instead of none showing at all.
     */
    private static byte[] python(Case c) {
        RequiredTools.require(python != null, "python3", "apt-get install python3");
        return python.get(c.name());
    }

    static Stream<Named<Case>> cases() {
        return CASES.stream().map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameBytesAsPython(Case c) {
        assertSameBytes(python(c), c.written());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pythonsBodyReadsBack(Case c) throws Exception {
        c.checkRead(python(c));
    }

    /** One body, written by both sides and read back by the reader. */
    interface Case {
        String name();

        /** The case for {@code xmlrpc_dumps.py}. */
        String json();

        byte[] written();

        void checkRead(byte[] body) throws Exception;
    }

    private record Response(String name, Object value, Object readBack) implements Case {
        Response(String name, Object value) {
            this(name, value, value);
        }

        @Override
        public String json() {
            return "{\"response\":" + tagged(value) + "}";
        }

        @Override
        public byte[] written() {
            return XmlRpcWriter.response(value);
        }

        @Override
        public void checkRead(byte[] body) throws Exception {
            if (readBack == NOT_XML) {
                assertThrows(XmlRpcFormatException.class, () -> XmlRpcReader.readResponse(new ByteArrayInputStream(body)));
            } else {
                assertEquals(XmlRpcValues.describe(readBack),
                        XmlRpcValues.describe(XmlRpcReader.readResponse(new ByteArrayInputStream(body))));
            }
        }
    }

    private record Call(String name, String method, List<?> params) implements Case {
        @Override
        public String json() {
            return "{\"call\":" + tagged(method) + ",\"params\":" + taggedList(params) + "}";
        }

        @Override
        public byte[] written() {
            return XmlRpcWriter.call(method, params);
        }

        @Override
        public void checkRead(byte[] body) throws Exception {
            XmlRpcCall call = XmlRpcReader.readCall(new ByteArrayInputStream(body));
            assertEquals(method, call.methodName());
            assertEquals(XmlRpcValues.describe(params), XmlRpcValues.describe(call.params()));
        }
    }

    private record Fault(String name, int code, String string) implements Case {
        @Override
        public String json() {
            return "{\"fault\":" + code + ",\"string\":" + tagged(string) + "}";
        }

        @Override
        public byte[] written() {
            return XmlRpcWriter.fault(code, string);
        }

        @Override
        public void checkRead(byte[] body) {
            XmlRpcFault fault = assertThrows(XmlRpcFault.class,
                    () -> XmlRpcReader.readResponse(new ByteArrayInputStream(body)));
            assertEquals(code, fault.code());
            assertEquals(string, fault.string());
        }
    }

    private static List<Case> allCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Response("int", 42));
        cases.add(new Response("negative int", -7));
        cases.add(new Response("zero", 0));
        cases.add(new Response("largest int", Integer.MAX_VALUE));
        cases.add(new Response("smallest int", Integer.MIN_VALUE));
        cases.add(new Response("long within int range", -5L, -5));
        cases.add(new Response("true", true));
        cases.add(new Response("false", false));
        cases.add(new Response("string", "3.0"));
        cases.add(new Response("empty string", ""));
        cases.add(new Response("blank string", " \t\n "));
        cases.add(new Response("markup in a string", "a&b<c>d\"e'f ]]> &amp; <![CDATA[x]]>"));
        cases.add(new Response("unicode string",
                "\u00e9\u20ac \u4e2d\u6587 \u05e2\u05d1 \u0928\u092e \ud83d\ude00\ud834\udd1e\udbff\udfff \ufffd"));
        cases.add(new Response("carriage returns", "a\r\nb\rc", "a\nb\nc"));
        cases.add(new Response("control characters", "\u0001\u001b[31mred\u001b[0m\u007f", NOT_XML));
        cases.add(new Response("double", 1.5));
        cases.add(new Response("negative zero", -0.0));
        cases.add(new Response("infinities and nan",
                List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN)));
        cases.add(new Response("empty base64", new byte[0]));
        cases.add(new Response("short base64", new byte[] {0, -1, 127, -128}));
        byte[] random = new byte[1000];
        new Random(7).nextBytes(random);
        cases.add(new Response("long base64", random));
        for (int n = 55; n <= 59; n++) {
            cases.add(new Response("base64 of " + n + " bytes", Arrays.copyOf(random, n)));
        }
        cases.add(new Response("dateTime", LocalDateTime.of(2024, 2, 29, 23, 59, 58)));
        cases.add(new Response("dateTime at the extremes",
                List.of(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59))));
        cases.add(new Response("nil", null));
        cases.add(new Response("nils in an array", Arrays.asList(null, 1, null, null, "x", null)));
        cases.add(new Response("empty array", List.of()));
        cases.add(new Response("empty struct", Map.of()));
        cases.add(new Response("nested arrays", List.of(List.of(), List.of(List.of(1, List.of("deep"))), List.of(true))));
        cases.add(new Response("deepest nesting", XmlRpcWriterTest.nested(XmlRpcReader.MAX_NESTING)));
        cases.add(new Response("struct names to escape",
                struct("a&b", 1, "<name>", "v", "", List.of(), "\u00e9\ud83d\ude00", Map.of())));
        cases.add(new Response("process info", processInfo("web", 4242)));
        cases.add(new Response("all process info", List.of(processInfo("web", 4242), processInfo("worker", 0))));
        cases.add(new Response("reloadConfig", List.of(List.of(List.of("new"), List.of("changed"), List.of()))));
        cases.add(new Response("tail", List.of("log line\n", 1024, false)));
        cases.add(new Response("multicall results", List.of(4242, struct("faultCode", 10, "faultString", "BAD_NAME: x"))));
        cases.add(new Fault("unknown method", 1, "UNKNOWN_METHOD"));
        cases.add(new Fault("fault with detail to escape", 10, "BAD_NAME: a<b>&c"));
        cases.add(new Fault("empty fault string", 0, ""));
        cases.add(new Fault("negative fault code", -32700, "parse error"));
        cases.add(new Fault("unicode fault string", 80, "\u00e9\ud83d\ude00"));
        cases.add(new Call("call without params", "system.listMethods", List.of()));
        cases.add(new Call("startProcess", "supervisor.startProcess", List.of("web:*", true)));
        cases.add(new Call("readLog", "supervisor.readLog", List.of(-1024, 0)));
        cases.add(new Call("sendProcessStdin", "supervisor.sendProcessStdin",
                List.of("cat", "line & <more>\n\u00e9\ud83d\ude00")));
        cases.add(new Call("multicall", "system.multicall", List.of(List.of(
                struct("methodName", "supervisor.getPID", "params", List.of()),
                struct("methodName", "supervisor.getProcessInfo", "params", List.of("web"))))));
        cases.add(new Call("call with every type", "x.y", Arrays.asList(1, true, "s", 2.5, new byte[] {1},
                LocalDateTime.of(2000, 1, 2, 3, 4, 5), List.of(), Map.of(), null)));
        addDoubles(cases);
        Random trees = new Random(20240501);
        for (int i = 0; i < 300; i++) {
            cases.add(new Response("random value " + i, XmlRpcValues.random(trees, 4)));
        }
        return cases;
    }

    /**
     * Doubles in arrays of 500: notable ones, every power of two (where the gaps to the neighbouring
     * doubles are uneven), any bit patterns, and the short decimals people write.
     */
    private static void addDoubles(List<Case> cases) {
        List<Double> doubles = new ArrayList<>(List.of(0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1.0, 100.0,
                123456789.0, 1e15, 9999999999999998.0, 1e16, 1e22, 1e23, 2.82879384806159e17, 1e-4, 1e-5, 0.000123456,
                1e-7, 1e300, 1.5e300, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Math.PI, Math.E, -2.5));
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            doubles.add(Math.scalb(1.0, exponent));
        }
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            doubles.add(Double.longBitsToDouble(random.nextLong()));
            doubles.add(random.nextInt(2_000_000) / Math.pow(10, random.nextInt(12)) - 1000);
            doubles.add(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
        }
        for (int from = 0; from < doubles.size(); from += 500) {
            List<Double> part = doubles.subList(from, Math.min(doubles.size(), from + 500));
            cases.add(new Response("doubles " + from + "-" + (from + part.size() - 1), List.copyOf(part)));
        }
    }

    private static Map<String, Object> processInfo(String name, int pid) {
        return struct("name", name, "group", name, "start", 1_714_000_000, "stop", 0, "now", 1_714_003_723,
                "state", pid == 0 ? 0 : 20, "statename", pid == 0 ? "STOPPED" : "RUNNING", "spawnerr", "",
                "exitstatus", 0, "logfile", "/var/log/" + name + ".log", "stdout_logfile", "/var/log/" + name + ".log",
                "stderr_logfile", "", "pid", pid, "description", pid == 0 ? "Not started" : "pid 4242, uptime 1:02:03");
    }

    /** A struct of names and values, in this order. */
    private static Map<String, Object> struct(Object... namesAndValues) {
        Map<String, Object> struct = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            struct.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return struct;
    }

    /** Runs {@code xmlrpc_dumps.py} on every case; its bodies by case name. */
    private static Map<String, byte[]> dumps(List<Case> cases) throws IOException, InterruptedException {
        StringBuilder json = new StringBuilder("[");
        for (Case c : cases) {
            json.append(json.length() > 1 ? ",\n" : "").append(c.json());
        }
        Process p = new ProcessBuilder(PYTHON, SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            // The script reads all of its input before it writes anything.
            in.write(json.append("]").toString().getBytes(StandardCharsets.US_ASCII));
        }
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        try (InputStream out = p.getInputStream()) {
            for (Case c : cases) {
                if (bodies.put(c.name(), out.readNBytes(Integer.parseInt(line(out)))) != null) {
                    fail("two cases are named " + c.name());
                }
            }
            assertEquals(-1, out.read(), "xmlrpc_dumps.py wrote more than was asked for");
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("xmlrpc_dumps.py failed (its errors are above)");
        }
        return bodies;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                fail("xmlrpc_dumps.py stopped early (its errors are above)");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** A value in {@code xmlrpc_dumps.py}'s JSON: ASCII only, with a tag for what JSON lacks. */
    private static String tagged(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return String.valueOf(value);
        }
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                    b.append(c);
                } else {
                    b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            }
            return b.append('"').toString();
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "{\"double\":\"%016x\"}", Double.doubleToRawLongBits(d));
        }
        if (value instanceof byte[] bytes) {
            return "{\"base64\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
        }
        if (value instanceof LocalDateTime t) {
            return String.format(Locale.ROOT, "{\"datetime\":[%d,%d,%d,%d,%d,%d]}", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        }
        if (value instanceof List<?> list) {
            return "{\"array\":" + taggedList(list) + "}";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add("[" + tagged(k) + "," + tagged(v) + "]"));
            return "{\"struct\":[" + String.join(",", members) + "]}";
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    private static String taggedList(List<?> list) {
        List<String> elements = new ArrayList<>();
        list.forEach(e -> elements.add(tagged(e)));
        return "[" + String.join(",", elements) + "]";
    }

    /** Equal bytes, or a failure showing where the two texts part. */
    private static void assertSameBytes(byte[] python, byte[] ours) {
        if (Arrays.equals(python, ours)) {
            return;
        }
        String p = new String(python, StandardCharsets.UTF_8);
        String o = new String(ours, StandardCharsets.UTF_8);
        int at = 0;
        while (at < Math.min(p.length(), o.length()) && p.charAt(at) == o.charAt(at)) {
            at++;
        }
        fail("differs from Python at character " + at + ":\npython: " + around(p, at) + "\nours:   " + around(o, at));
    }

    /** The text around {@code at}, on one line. */
    private static String around(String text, int at) {
        return "..." + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)).replace("\n", "\\n") + "...";
    }
}
