package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the writer writes, the reader reads back as the same values, types and order. */
class XmlRpcRoundTripTest {

    private static Object throughResponse(Object value) throws Exception {
        return XmlRpcReader.readResponse(new ByteArrayInputStream(XmlRpcWriter.response(value)));
    }

    private static void assertRoundTrip(Object value) throws Exception {
        assertEquals(XmlRpcValues.describe(value), XmlRpcValues.describe(throughResponse(value)));
        XmlRpcCall call = XmlRpcReader.readCall(new ByteArrayInputStream(
                XmlRpcWriter.call("supervisor.m", Arrays.asList(value, "second"))));
        assertEquals("supervisor.m", call.methodName());
        assertEquals(XmlRpcValues.describe(Arrays.asList(value, "second")), XmlRpcValues.describe(call.params()));
    }

    @Test
    void everyType() throws Exception {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "web");
        info.put("group", "web");
        info.put("start", 1_700_000_000);
        info.put("state", 20);
        info.put("statename", "RUNNING");
        info.put("spawnerr", "");
        info.put("exitstatus", 0);
        info.put("pid", 4242);
        info.put("description", "pid 4242, uptime 1 day, 2:03:04");
        info.put("ratio", 0.25);
        info.put("when", LocalDateTime.of(2024, 5, 6, 7, 8, 9));
        info.put("blob", new byte[] {0, 1, 2, -1});
        info.put("nothing", null);
        info.put("flags", List.of(true, false));
        info.put("nested", List.of(List.of(), Map.of(), List.of(List.of(1, "a"))));
        assertRoundTrip(info);
    }

    @Test
    void scalarsAtTheEdges() throws Exception {
        for (Object value : Arrays.asList(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, "", " ", "\n", "\t",
                -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1e-7, 1e22, 0.1 + 0.2,
                new byte[0], new byte[57], new byte[58],
                LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59),
                null, true, false)) {
            assertRoundTrip(value);
        }
    }

    @Test
    void markupAndUnicodeInStringsAndNames() throws Exception {
        String text = "<a href=\"x\">&amp;</a> ]]> 'q' "
                + "\u00e9 \u4e2d\u6587 \u05e2\u05d1 \ud83d\ude00 \ud834\udd1e \udbff\udfff \ufffd";
        assertRoundTrip(text);
        assertRoundTrip(Map.of(text, text));
        assertRoundTrip(List.of(text, text.repeat(1000)));
    }

    @Test
    void randomValues() throws Exception {
        Random random = new Random(20240501);
        for (int i = 0; i < 500; i++) {
            assertRoundTrip(XmlRpcValues.random(random, 4));
        }
    }

    @Test
    void nestingUpToTheLimit() throws Exception {
        assertRoundTrip(XmlRpcWriterTest.nested(XmlRpcReader.MAX_NESTING));
        Object structs = "core";
        for (int i = 0; i < XmlRpcReader.MAX_NESTING; i++) {
            structs = Map.of("k", structs);
        }
        assertRoundTrip(structs);
    }

    @Test
    void longsComeBackAsIntegers() throws Exception {
        assertEquals(7, throughResponse(7L));
    }

    @Test
    void faults() throws Exception {
        for (String string : List.of("UNKNOWN_METHOD", "BAD_NAME: a<b&c>", "", "\u00e9\ud83d\ude00")) {
            XmlRpcFault fault = assertThrows(XmlRpcFault.class,
                    () -> XmlRpcReader.readResponse(new ByteArrayInputStream(XmlRpcWriter.fault(-3, string))));
            assertEquals(-3, fault.code());
            assertEquals(string, fault.string());
        }
    }

    @Test
    void callsWithManyOrNoParams() throws Exception {
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            params.add(i % 2 == 0 ? i : null);
        }
        assertEquals(new XmlRpcCall("system.multicall", params), XmlRpcReader.readCall(
                new ByteArrayInputStream(XmlRpcWriter.call("system.multicall", params))));
        assertEquals(new XmlRpcCall("a.b", List.of()), XmlRpcReader.readCall(
                new ByteArrayInputStream(XmlRpcWriter.call("a.b", List.of()))));
    }
}
