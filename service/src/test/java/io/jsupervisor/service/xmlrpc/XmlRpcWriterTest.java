package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exact text Python's {@code xmlrpc.client.dumps} writes, value type by value type (checked
 * against Python itself by {@link XmlRpcPythonIT}), and what cannot be written.
 */
class XmlRpcWriterTest {
    private static final String RESPONSE_HEAD = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n";
    private static final String RESPONSE_TAIL = "</param>\n</params>\n</methodResponse>\n";

    /** The {@code <value>} text of a response carrying {@code value}. */
    private static String value(Object value) {
        String body = new String(XmlRpcWriter.response(value), StandardCharsets.UTF_8);
        assertTrue(body.startsWith(RESPONSE_HEAD) && body.endsWith(RESPONSE_TAIL), body);
        return body.substring(RESPONSE_HEAD.length(), body.length() - RESPONSE_TAIL.length());
    }

    @Test
    void responseEnvelope() {
        assertEquals("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
                + "<value><int>42</int></value>\n</param>\n</params>\n</methodResponse>\n",
                new String(XmlRpcWriter.response(42), StandardCharsets.UTF_8));
    }

    @Test
    void faultIsAStructOfCodeAndString() {
        assertEquals("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n"
                + "<member>\n<name>faultCode</name>\n<value><int>10</int></value>\n</member>\n"
                + "<member>\n<name>faultString</name>\n<value><string>BAD_NAME: a&lt;b</string></value>\n</member>\n"
                + "</struct></value>\n</fault>\n</methodResponse>\n",
                new String(XmlRpcWriter.fault(10, "BAD_NAME: a<b"), StandardCharsets.UTF_8));
    }

    @Test
    void callNamesTheMethodAndListsTheParams() {
        assertEquals("<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.startProcess</methodName>\n"
                + "<params>\n<param>\n<value><string>web</string></value>\n</param>\n"
                + "<param>\n<value><boolean>1</boolean></value>\n</param>\n</params>\n</methodCall>\n",
                new String(XmlRpcWriter.call("supervisor.startProcess", List.of("web", true)), StandardCharsets.UTF_8));
    }

    @Test
    void callWithoutParamsStillHasParams() {
        assertEquals("<?xml version='1.0'?>\n<methodCall>\n<methodName>system.listMethods</methodName>\n"
                + "<params>\n</params>\n</methodCall>\n",
                new String(XmlRpcWriter.call("system.listMethods", List.of()), StandardCharsets.UTF_8));
    }

    @Test
    void callEscapesTheMethodName() {
        assertTrue(new String(XmlRpcWriter.call("a&b<c>", List.of()), StandardCharsets.UTF_8)
                .contains("<methodName>a&amp;b&lt;c&gt;</methodName>"));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.call("", List.of()));
    }

    @Test
    void ints() {
        assertEquals("<value><int>0</int></value>\n", value(0));
        assertEquals("<value><int>-7</int></value>\n", value(-7));
        assertEquals("<value><int>2147483647</int></value>\n", value(Integer.MAX_VALUE));
        assertEquals("<value><int>-2147483648</int></value>\n", value(Integer.MIN_VALUE));
    }

    @Test
    void longsWithinTheIntRangeAreInts() {
        assertEquals("<value><int>-2147483648</int></value>\n", value((long) Integer.MIN_VALUE));
        assertEquals("<value><int>5</int></value>\n", value(5L));
        assertThrows(IllegalArgumentException.class, () -> value(Integer.MAX_VALUE + 1L));
        assertThrows(IllegalArgumentException.class, () -> value(Integer.MIN_VALUE - 1L));
        assertThrows(IllegalArgumentException.class, () -> value(Long.MAX_VALUE));
    }

    @Test
    void booleans() {
        assertEquals("<value><boolean>1</boolean></value>\n", value(true));
        assertEquals("<value><boolean>0</boolean></value>\n", value(false));
    }

    @Test
    void stringsEscapeOnlyAmpersandAndAngleBrackets() {
        assertEquals("<value><string>a&amp;b&lt;c&gt;d\"e'f ]]&gt;</string></value>\n", value("a&b<c>d\"e'f ]]>"));
        assertEquals("<value><string></string></value>\n", value(""));
        assertEquals("<value><string>  two\nlines\t</string></value>\n", value("  two\nlines\t"));
    }

    @Test
    void stringsAreUtf8EvenBeyondTheBasicPlane() {
        assertArrayEquals((RESPONSE_HEAD + "<value><string>\u00e9\u20ac\ud83d\ude00</string></value>\n" + RESPONSE_TAIL)
                .getBytes(StandardCharsets.UTF_8), XmlRpcWriter.response("\u00e9\u20ac\ud83d\ude00"));
        byte[] smiley = XmlRpcWriter.response("\ud83d\ude00");
        int at = RESPONSE_HEAD.length() + "<value><string>".length();
        assertArrayEquals(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
                Arrays.copyOfRange(smiley, at, at + 4));
    }

    @Test
    void controlCharactersAreWrittenAsIsLikePython() {
        assertEquals("<value><string>\u0001\u001b[31m\r</string></value>\n", value("\u0001\u001b[31m\r"));
    }

    @Test
    void anUnpairedSurrogateCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.response("a\ud800b"));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.call("m", List.of("\udc00")));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.fault(1, "\ud83d"));
    }

    @Test
    void doublesAsPythonsRepr() {
        assertEquals("<value><double>1.5</double></value>\n", value(1.5));
        assertEquals("<value><double>0.1</double></value>\n", value(0.1));
        assertEquals("<value><double>-0.0</double></value>\n", value(-0.0));
        assertEquals("<value><double>100.0</double></value>\n", value(100.0));
        assertEquals("<value><double>1e+16</double></value>\n", value(1e16));
        assertEquals("<value><double>inf</double></value>\n", value(Double.POSITIVE_INFINITY));
        assertEquals("<value><double>nan</double></value>\n", value(Double.NaN));
    }

    @Test
    void base64InLinesOf76() {
        assertEquals("<value><base64>\n</base64></value>\n", value(new byte[0]));
        assertEquals("<value><base64>\nAP8=\n</base64></value>\n", value(new byte[] {0, -1}));
        byte[] hundred = new byte[100];
        Arrays.fill(hundred, (byte) 'a');
        assertEquals("<value><base64>\n"
                + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\n"
                + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==\n"
                + "</base64></value>\n", value(hundred));
    }

    @Test
    void dateTimesInWholeSeconds() {
        assertEquals("<value><dateTime.iso8601>20240102T03:04:05</dateTime.iso8601></value>\n",
                value(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 999_999_999)));
        assertEquals("<value><dateTime.iso8601>00050607T08:09:10</dateTime.iso8601></value>\n",
                value(LocalDateTime.of(5, 6, 7, 8, 9, 10)));
        assertThrows(IllegalArgumentException.class, () -> value(LocalDateTime.of(10000, 1, 1, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> value(LocalDateTime.of(-1, 1, 1, 0, 0)));
    }

    @Test
    void nilHasNoNewlineAfterIt() {
        assertEquals("<value><nil/></value>", value(null));
        assertEquals("<value><array><data>\n<value><nil/></value><value><int>1</int></value>\n</data></array></value>\n",
                value(Arrays.asList(null, 1)));
    }

    @Test
    void arrays() {
        assertEquals("<value><array><data>\n</data></array></value>\n", value(List.of()));
        assertEquals("<value><array><data>\n<value><int>1</int></value>\n"
                + "<value><array><data>\n<value><string>x</string></value>\n</data></array></value>\n"
                + "</data></array></value>\n", value(List.of(1, List.of("x"))));
    }

    @Test
    void structsInIterationOrderWithEscapedNames() {
        assertEquals("<value><struct>\n</struct></value>\n", value(Map.of()));
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("z", 1);
        struct.put("a&<b>", "v");
        assertEquals("<value><struct>\n<member>\n<name>z</name>\n<value><int>1</int></value>\n</member>\n"
                + "<member>\n<name>a&amp;&lt;b&gt;</name>\n<value><string>v</string></value>\n</member>\n"
                + "</struct></value>\n", value(struct));
    }

    @Test
    void structNamesMustBeStrings() {
        assertThrows(IllegalArgumentException.class, () -> value(Map.of(1, "one")));
        assertThrows(IllegalArgumentException.class, () -> value(Collections.singletonMap(null, "x")));
    }

    @Test
    void otherTypesAreRefused() {
        for (Object value : List.of(1.5f, (short) 1, 'c', new Object(), Set.of(1), new int[] {1}, new StringBuilder("s"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> value(value));
            assertTrue(e.getMessage().contains(value.getClass().getName()), e.getMessage());
        }
    }

    @Test
    void nestingIsLimitedAsInTheReader() {
        assertTrue(value(nested(XmlRpcReader.MAX_NESTING)).startsWith("<value><array><data>\n"));
        assertThrows(IllegalArgumentException.class, () -> value(nested(XmlRpcReader.MAX_NESTING + 1)));
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThrows(IllegalArgumentException.class, () -> value(loop));
    }

    /** {@code depth} arrays, one inside the other. */
    static Object nested(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }
}
