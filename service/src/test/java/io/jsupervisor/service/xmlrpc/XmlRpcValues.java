package io.jsupervisor.service.xmlrpc;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helper: XML-RPC values described with their Java types and order (so that an Integer and a
 * Long, two struct orders, or two byte arrays with the same content compare as they should), and
 * random value trees that the codec must carry unchanged.
 */
final class XmlRpcValues {
    /** Characters that mean something in XML, or that a writer might mistreat. */
    private static final String MARKUP = "&<>\"' \t\n]]>";

    private XmlRpcValues() {
    }

    /** A text naming every value's type, with structs in iteration order and doubles by their bits. */
    static String describe(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Double d) {
            return "double:" + d + "/" + Long.toHexString(Double.doubleToLongBits(d));
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            list.forEach(e -> elements.add(describe(e)));
            return "array" + elements;
        }
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add(describe(k) + "=" + describe(v)));
            return "struct" + members;
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    /**
     * A random value of any type the codec maps, nested at most {@code depth} deep, that reads back
     * equal to itself and that Python can hold too: ints as Integer, whole-second dates from year 1,
     * and strings of characters XML allows, across every plane, without carriage returns (which XML
     * reads as newlines).
     */
    static Object random(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 11 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> randomString(random);
            case 4 -> random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * 1e6;
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> LocalDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60));
            case 7 -> random.nextInt(-3, 3);
            case 8 -> "";
            case 9 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(random(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(randomString(random), random(random, depth - 1));
                }
                yield map;
            }
        };
    }

    static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            int c = switch (random.nextInt(4)) {
                case 0 -> MARKUP.charAt(random.nextInt(MARKUP.length()));
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0xA0 + random.nextInt(0xD800 - 0xA0);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            b.appendCodePoint(c);
        }
        return b.toString();
    }
}
