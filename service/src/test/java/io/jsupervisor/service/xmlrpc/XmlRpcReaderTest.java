package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading calls and responses: every value type, the envelopes, and what is refused and why. */
class XmlRpcReaderTest {

    private static InputStream body(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The value read from a response whose one {@code <value>} is {@code value}. */
    private static Object value(String value) throws Exception {
        return XmlRpcReader.readResponse(body(
                "<?xml version='1.0'?>\n<methodResponse><params><param>" + value + "</param></params></methodResponse>"));
    }

    /** The message of the XmlRpcFormatException that reading {@code value} as above throws. */
    private static String refused(String value) {
        return assertThrows(XmlRpcFormatException.class, () -> value(value)).getMessage();
    }

    private static String refusedCall(String xml) {
        return assertThrows(XmlRpcFormatException.class, () -> XmlRpcReader.readCall(body(xml))).getMessage();
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "'" + actual + "' does not contain '" + expected + "'");
    }

    @Test
    void callWithParams() throws Exception {
        XmlRpcCall call = XmlRpcReader.readCall(body("<?xml version='1.0'?>\n<methodCall>\n"
                + "<methodName>supervisor.startProcess</methodName>\n<params>\n"
                + "<param>\n<value><string>web:web_0</string></value>\n</param>\n"
                + "<param>\n<value><boolean>0</boolean></value>\n</param>\n"
                + "</params>\n</methodCall>\n"));
        assertEquals(new XmlRpcCall("supervisor.startProcess", List.of("web:web_0", false)), call);
    }

    @Test
    void callWithoutParamsOrWithEmptyParams() throws Exception {
        assertEquals(new XmlRpcCall("system.listMethods", List.of()),
                XmlRpcReader.readCall(body("<methodCall><methodName>system.listMethods</methodName></methodCall>")));
        assertEquals(new XmlRpcCall("system.listMethods", List.of()), XmlRpcReader.readCall(
                body("<methodCall><methodName>system.listMethods</methodName><params/></methodCall>")));
    }

    @Test
    void commentsProcessingInstructionsAndBlanksBetweenTagsAreSkipped() throws Exception {
        XmlRpcCall call = XmlRpcReader.readCall(body("<?xml version='1.0' encoding='UTF-8'?>\n<!-- a -->\n"
                + "<methodCall>\r\n\t<methodName>m</methodName><?pi data?>\n <params> <!-- b --> <param> <value>"
                + "<int>1</int> </value> </param> </params> </methodCall>\n<!-- after -->\n"));
        assertEquals(new XmlRpcCall("m", List.of(1)), call);
    }

    @Test
    void methodNameIsTakenAsWritten() throws Exception {
        assertEquals(" a.b ", XmlRpcReader.readCall(body("<methodCall><methodName> a.b </methodName></methodCall>"))
                .methodName());
        assertEquals("a&b", XmlRpcReader.readCall(body("<methodCall><methodName>a&amp;b</methodName></methodCall>"))
                .methodName());
    }

    @Test
    void callParamsMayBeNil() throws Exception {
        assertEquals(Arrays.asList(null, 2), XmlRpcReader.readCall(body("<methodCall><methodName>m</methodName><params>"
                + "<param><value><nil/></value></param><param><value><i4>2</i4></value></param></params></methodCall>"))
                .params());
    }

    @Test
    void ints() throws Exception {
        assertEquals(42, value("<value><int>42</int></value>"));
        assertEquals(-42, value("<value><i4>-42</i4></value>"));
        assertEquals(7, value("<value><int> +7\n</int></value>"));
        assertEquals(Integer.MAX_VALUE, value("<value><int>2147483647</int></value>"));
        assertEquals(Integer.MIN_VALUE, value("<value><i4>-2147483648</i4></value>"));
        assertContains("<int> out of range: '2147483648'", refused("<value><int>2147483648</int></value>"));
        assertContains("<i4> out of range", refused("<value><i4>-2147483649</i4></value>"));
    }

    @Test
    void i8IsAnIntegerWhenItFitsAndALongOtherwise() throws Exception {
        assertEquals(5, value("<value><i8>5</i8></value>"));
        assertEquals(Integer.class, value("<value><i8>-2147483648</i8></value>").getClass());
        assertEquals(2147483648L, value("<value><i8>2147483648</i8></value>"));
        assertEquals(Long.MIN_VALUE, value("<value><i8>-9223372036854775808</i8></value>"));
        assertContains("<i8> out of range", refused("<value><i8>9223372036854775808</i8></value>"));
        assertContains("<i8> out of range", refused("<value><i8>" + "9".repeat(10_000) + "</i8></value>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "4x", "1.0", "0x10", "1e3", "--1", "+", "1 2", "\u0663", "\uff11"})
    void badIntsAreRefused(String text) {
        assertContains("bad <int> '" + text + "'", refused("<value><int>" + text + "</int></value>"));
    }

    @Test
    void booleansAreExactlyZeroOrOne() throws Exception {
        assertEquals(true, value("<value><boolean>1</boolean></value>"));
        assertEquals(false, value("<value><boolean>0</boolean></value>"));
        for (String bad : List.of("true", "", " 1", "2", "01")) {
            assertContains("bad <boolean> '" + bad + "' (must be 0 or 1)",
                    refused("<value><boolean>" + bad + "</boolean></value>"));
        }
    }

    @Test
    void strings() throws Exception {
        assertEquals("a<b>&\"'", value("<value><string>a&lt;b&gt;&amp;&quot;&apos;</string></value>"));
        assertEquals("x<y]]", value("<value><string>x<![CDATA[<y]]]]><!-- skipped --></string></value>"));
        assertEquals("", value("<value><string></string></value>"));
        assertEquals("", value("<value><string/></value>"));
        assertEquals("  spaced\n\t", value("<value><string>  spaced\n\t</string></value>"));
        assertEquals("A\u00e9\ud83d\ude00", value("<value><string>&#65;&#xe9;&#x1F600;</string></value>"));
    }

    @Test
    void aValueWithTextAndNoTypeIsAString() throws Exception {
        assertEquals("bare", value("<value>bare</value>"));
        assertEquals("  ", value("<value>  </value>"));
        assertEquals("", value("<value></value>"));
        assertEquals("", value("<value/>"));
    }

    @Test
    void unicodeBeyondTheBasicPlaneAndCarriageReturns() throws Exception {
        String text = "\u00e9\u4e2d\ud83d\ude00\ud800\udc00";
        assertEquals(text, value("<value><string>" + text + "</string></value>"));
        // XML reads every line end as a newline: a carriage return written raw comes back as one.
        assertEquals("a\nb\nc", value("<value><string>a\r\nb\rc</string></value>"));
    }

    @Test
    void doubles() throws Exception {
        assertEquals(1.5, value("<value><double>1.5</double></value>"));
        assertEquals(-2000.0, value("<value><double> -2e3\n</double></value>"));
        assertEquals(0.5, value("<value><double>.5</double></value>"));
        assertEquals(5.0, value("<value><double>5.</double></value>"));
        assertEquals(1e-5, value("<value><double>1e-05</double></value>"));
        assertEquals(-0.0, value("<value><double>-0.0</double></value>"));
        assertEquals(Double.POSITIVE_INFINITY, value("<value><double>inf</double></value>"));
        assertEquals(Double.NEGATIVE_INFINITY, value("<value><double>-Infinity</double></value>"));
        assertEquals(Double.NaN, value("<value><double>nan</double></value>"));
        assertEquals(Double.POSITIVE_INFINITY, value("<value><double>1e999</double></value>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5.3", "0x1p3", "1d", "1f", "e5", "1e", ".", "infinit", "NaNa", "1,5", "\u0661.5"})
    void badDoublesAreRefused(String text) {
        assertContains("bad <double> '" + text.strip() + "'", refused("<value><double>" + text + "</double></value>"));
    }

    @Test
    void dateTimes() throws Exception {
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58),
                value("<value><dateTime.iso8601>20240229T23:59:58</dateTime.iso8601></value>"));
        assertEquals(LocalDateTime.of(1, 1, 1, 0, 0),
                value("<value><dateTime.iso8601> 00010101T00:00:00 </dateTime.iso8601></value>"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-01-02T03:04:05 | must be yyyyMMddTHH:mm:ss",
        "20240102T03:04:05Z  | must be yyyyMMddTHH:mm:ss",
        "20240102T3:04:05    | must be yyyyMMddTHH:mm:ss",
        "20240102            | must be yyyyMMddTHH:mm:ss",
        "20230229T00:00:00   | Invalid date 'February 29'",
        "20241301T00:00:00   | MonthOfYear",
        "20240102T24:00:00   | HourOfDay",
    })
    void badDateTimesAreRefused(String text, String why) {
        String message = refused("<value><dateTime.iso8601>" + text + "</dateTime.iso8601></value>");
        assertContains("bad <dateTime.iso8601> '" + text + "'", message);
        assertContains(why, message);
    }

    @Test
    void base64() throws Exception {
        assertArrayEquals(new byte[] {0, -1}, (byte[]) value("<value><base64>AP8=</base64></value>"));
        assertArrayEquals(new byte[0], (byte[]) value("<value><base64>\n</base64></value>"));
        assertArrayEquals("a".repeat(100).getBytes(StandardCharsets.US_ASCII), (byte[]) value("<value><base64>\n"
                + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\r\n"
                + "  YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==\n</base64></value>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "AP8=AP8=x", "AP*=", "AP8==="})
    void badBase64IsRefused(String text) {
        assertContains("bad <base64>", refused("<value><base64>" + text + "</base64></value>"));
    }

    @Test
    void nil() throws Exception {
        assertNull(value("<value><nil/></value>"));
        assertNull(value("<value><nil></nil></value>"));
        assertContains("<nil/> with content 'x'", refused("<value><nil>x</nil></value>"));
    }

    @Test
    void arraysKeepTheirOrder() throws Exception {
        assertEquals(List.of(), value("<value><array><data/></array></value>"));
        assertEquals(List.of(1, "two", List.of(true)), value("<value><array><data>\n<value><int>1</int></value>\n"
                + "<value>two</value><value><array><data><value><boolean>1</boolean></value></data></array></value>\n"
                + "</data></array></value>"));
    }

    @Test
    void structsKeepDocumentOrderAndTheLastOfARepeatedName() throws Exception {
        Object struct = value("<value><struct>\n<member>\n<name>z</name>\n<value><int>1</int></value>\n</member>\n"
                + "<member><name>a</name><value>x</value></member>"
                + "<member><name>z</name><value><int>3</int></value></member>"
                + "<member><name></name><value><nil/></value></member></struct></value>");
        assertInstanceOf(LinkedHashMap.class, struct);
        assertEquals(List.of("z", "a", ""), List.copyOf(((Map<?, ?>) struct).keySet()));
        assertEquals(Arrays.asList(3, "x", null), new ArrayList<>(((Map<?, ?>) struct).values()));
        assertEquals(Map.of(), value("<value><struct></struct></value>"));
    }

    @Test
    void aStructMemberNeedsANameAndAValue() {
        assertContains("<member> without <name> (found <value>)",
                refused("<value><struct><member><value>x</value></member></struct></value>"));
        assertContains("<member> without <name> (found </member>)",
                refused("<value><struct><member></member></struct></value>"));
        assertContains("expected <value>, found </member>",
                refused("<value><struct><member><name>n</name></member></struct></value>"));
        assertContains("unexpected <value>",
                refused("<value><struct><member><name>n</name><value>1</value><value>2</value></member></struct></value>"));
        assertContains("unexpected <b> in <name>",
                refused("<value><struct><member><name>n<b/></name><value>1</value></member></struct></value>"));
    }

    @Test
    void unknownValueTypesAreRefused() {
        assertContains("unknown value type <float>", refused("<value><float>1.5</float></value>"));
        assertContains("unknown value type <ex:nil>", refused("<value><ex:nil xmlns:ex='x'/></value>"));
        assertContains("unknown value type <Int>", refused("<value><Int>1</Int></value>"));
        assertContains("unknown value type <biginteger>", refused("<value><biginteger>1</biginteger></value>"));
    }

    @Test
    void aValueHasOneTypeAndNoOtherText() {
        assertContains("text 'a' before <int> in <value>", refused("<value>a<int>1</int></value>"));
        assertContains("unexpected text 'b' before </value>", refused("<value><int>1</int>b</value>"));
        assertContains("unexpected <int>", refused("<value><int>1</int><int>2</int></value>"));
        assertContains("unexpected <i4> in <int>", refused("<value><int><i4>1</i4></int></value>"));
    }

    @Test
    void arraysNeedData() {
        assertContains("expected <data>, found <value>", refused("<value><array><value>1</value></array></value>"));
        assertContains("expected <value>, found <int>", refused("<value><array><data><int>1</int></data></array></value>"));
        assertContains("unexpected text 'x' before <value>",
                refused("<value><array><data>x<value>1</value></data></array></value>"));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        Object deepest = value(nestedArrays(XmlRpcReader.MAX_NESTING));
        for (int i = 0; i < XmlRpcReader.MAX_NESTING; i++) {
            deepest = ((List<?>) deepest).get(0);
        }
        assertEquals("core", deepest);
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        assertContains("nested more than 64 deep", refused(nestedArrays(XmlRpcReader.MAX_NESTING + 1)));
        assertContains("nested more than 64 deep", refused(nestedArrays(100_000)));
        String structs = "<value><struct><member><name>n</name>".repeat(65) + "<value/>"
                + "</member></struct></value>".repeat(65);
        assertContains("nested more than 64 deep", refused(structs));
    }

    private static String nestedArrays(int depth) {
        return "<value><array><data>".repeat(depth) + "<value>core</value>" + "</data></array></value>".repeat(depth);
    }

    @Test
    void response() throws Exception {
        assertEquals("3.0", XmlRpcReader.readResponse(body("<?xml version='1.0'?>\n<methodResponse>\n<params>\n"
                + "<param>\n<value><string>3.0</string></value>\n</param>\n</params>\n</methodResponse>\n")));
    }

    @Test
    void faultResponseThrowsTheFault() {
        XmlRpcFault fault = assertThrows(XmlRpcFault.class, () -> XmlRpcReader.readResponse(body(
                "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n"
                + "<member>\n<name>faultCode</name>\n<value><int>10</int></value>\n</member>\n"
                + "<member>\n<name>faultString</name>\n<value><string>BAD_NAME: foo</string></value>\n</member>\n"
                + "</struct></value>\n</fault>\n</methodResponse>\n")));
        assertEquals(10, fault.code());
        assertEquals("BAD_NAME: foo", fault.string());
        assertEquals("Fault 10: BAD_NAME: foo", fault.getMessage());
    }

    @Test
    void aFaultMustCarryAnIntCodeAndAStringText() {
        for (String members : List.of("",
                "<member><name>faultCode</name><value><int>1</int></value></member>",
                "<member><name>faultString</name><value>x</value></member>",
                "<member><name>faultCode</name><value>1</value></member>"
                        + "<member><name>faultString</name><value>x</value></member>",
                "<member><name>faultCode</name><value><int>1</int></value></member>"
                        + "<member><name>faultString</name><value><nil/></value></member>")) {
            String xml = "<methodResponse><fault><value><struct>" + members + "</struct></value></fault></methodResponse>";
            assertContains("a <fault> must be a struct with an int faultCode and a string faultString",
                    assertThrows(XmlRpcFormatException.class, () -> XmlRpcReader.readResponse(body(xml))).getMessage());
        }
        String array = "<methodResponse><fault><value><array><data/></array></value></fault></methodResponse>";
        assertThrows(XmlRpcFormatException.class, () -> XmlRpcReader.readResponse(body(array)));
    }

    @Test
    void aResponseHasExactlyOneParamOrAFault() {
        assertContains("expected <param>, found </params>", assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(body("<methodResponse><params></params></methodResponse>"))).getMessage());
        assertContains("more than one <param>", assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(body("<methodResponse><params><param><value>1</value></param>"
                        + "<param><value>2</value></param></params></methodResponse>"))).getMessage());
        assertContains("empty <methodResponse>", assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(body("<methodResponse/>"))).getMessage());
        assertContains("expected <params> or <fault>, found <value>", assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(body("<methodResponse><value>1</value></methodResponse>"))).getMessage());
        assertContains("expected <methodResponse>, found <methodCall>", assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(body("<methodCall><methodName>m</methodName></methodCall>"))).getMessage());
    }

    @Test
    void aCallNeedsAMethodName() {
        assertContains("expected <methodName>, found <params>", refusedCall("<methodCall><params/></methodCall>"));
        assertContains("expected <methodName>, found </methodCall>", refusedCall("<methodCall></methodCall>"));
        assertContains("empty <methodName>", refusedCall("<methodCall><methodName></methodName></methodCall>"));
        assertContains("unexpected <x> in <methodName>",
                refusedCall("<methodCall><methodName>a<x/></methodName></methodCall>"));
        assertContains("expected <methodCall>, found <methodResponse>", refusedCall("<methodResponse/>"));
    }

    @Test
    void aCallHasOnlyParamsAfterItsName() {
        assertContains("expected <params>, found <param>",
                refusedCall("<methodCall><methodName>m</methodName><param><value>1</value></param></methodCall>"));
        assertContains("expected <param>, found <value>",
                refusedCall("<methodCall><methodName>m</methodName><params><value>1</value></params></methodCall>"));
        assertContains("unexpected <params>",
                refusedCall("<methodCall><methodName>m</methodName><params/><params/></methodCall>"));
        assertContains("unexpected text 'x' before <params>",
                refusedCall("<methodCall><methodName>m</methodName>x<params/></methodCall>"));
        assertContains("unexpected <value>", refusedCall("<methodCall><methodName>m</methodName><params><param>"
                + "<value>1</value><value>2</value></param></params></methodCall>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"junk", "<x/>", "<methodCall/>", "&amp;"})
    void trailingGarbageIsRefused(String trailer) {
        assertContains("malformed XML", refusedCall("<methodCall><methodName>m</methodName></methodCall>" + trailer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not xml", "<methodCall>", "<methodCall><methodName>m</methodCall>",
        "<methodCall><methodName>m</methodName></methodcall>",
        "<methodCall a='1' a='2'><methodName>m</methodName></methodCall>",
        "<methodCall><methodName>\u0001</methodName></methodCall>",
        "<methodCall><methodName>&#0;</methodName></methodCall>"})
    void malformedXmlIsRefused(String xml) {
        assertContains("malformed XML", refusedCall(xml));
    }

    @Test
    void invalidUtf8IsRefusedWithoutAWordOnStandardError() {
        byte[] xml = "<methodCall><methodName>m\u00e9</methodName></methodCall>".getBytes(StandardCharsets.ISO_8859_1);
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            XmlRpcFormatException e = assertThrows(XmlRpcFormatException.class,
                    () -> XmlRpcReader.readCall(new ByteArrayInputStream(xml)));
            assertEquals("malformed XML: the body is not valid UTF-8", e.getMessage());
        } finally {
            System.setErr(stderr);
        }
        // The JDK's parser, given these bytes itself, prints "[Fatal Error] ..." there.
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theEncodingIsTheByteOrderMarksOrTheDeclaredOneOrUtf8() throws Exception {
        String call = "<methodCall><methodName>m\u00e9\ud83d\ude00</methodName></methodCall>";
        assertEquals("m\u00e9\ud83d\ude00", methodName(call.getBytes(StandardCharsets.UTF_8)));
        assertEquals("m\u00e9\ud83d\ude00", methodName(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                ("<?xml version='1.0' encoding='ISO-8859-1'?>" + call).getBytes(StandardCharsets.UTF_8))));
        assertEquals("m\u00e9\ud83d\ude00", methodName(concat(new byte[] {(byte) 0xff, (byte) 0xfe},
                call.getBytes(StandardCharsets.UTF_16LE))));
        assertEquals("m\u00e9\ud83d\ude00", methodName(concat(new byte[] {(byte) 0xfe, (byte) 0xff},
                call.getBytes(StandardCharsets.UTF_16BE))));
        assertEquals("m\u00e9", methodName(("<?xml version=\"1.0\" encoding = \"iso-8859-1\" ?>\n<methodCall>"
                + "<methodName>m\u00e9</methodName></methodCall>").getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("malformed XML: unknown encoding 'EBCDIC-NOT'", assertThrows(XmlRpcFormatException.class,
                () -> methodName(("<?xml version='1.0' encoding='EBCDIC-NOT'?>" + call).getBytes(StandardCharsets.UTF_8)))
                .getMessage());
    }

    private static String methodName(byte[] body) throws XmlRpcFormatException {
        return XmlRpcReader.readCall(new ByteArrayInputStream(body)).methodName();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void messagesSayTheLine() {
        assertContains("line 3: unknown value type <float>",
                refusedCall("<methodCall><methodName>m</methodName>\n<params><param>\n<value><float>1</float></value>"
                        + "</param></params></methodCall>"));
    }

    @Test
    void aBodyThatCannotBeReadIsAnIoError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(UncheckedIOException.class, () -> XmlRpcReader.readCall(broken));
        assertThrows(UncheckedIOException.class, () -> XmlRpcReader.readResponse(broken));
    }

    @Test
    void callParamsCannotBeChanged() throws Exception {
        XmlRpcCall call = XmlRpcReader.readCall(body("<methodCall><methodName>m</methodName><params>"
                + "<param><value>1</value></param></params></methodCall>"));
        assertThrows(UnsupportedOperationException.class, () -> call.params().add("x"));
    }
}
