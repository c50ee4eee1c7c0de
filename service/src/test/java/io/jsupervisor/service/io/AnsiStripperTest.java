package io.jsupervisor.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** strip_ansi: escape sequences removed, text kept, sequences split across reads handled. */
class AnsiStripperTest {

    private static String strip(AnsiStripper stripper, String text) {
        ByteBuffer out = stripper.strip(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return StandardCharsets.ISO_8859_1.decode(out).toString();
    }

    @Test
    void removesColourAndCursorSequences() {
        assertEquals("red plain up", strip(new AnsiStripper(), "\u001b[31mred\u001b[0m plain\u001b[2A up"));
    }

    @Test
    void aSequenceSplitBetweenReadsLeavesNoFragment() {
        AnsiStripper stripper = new AnsiStripper();
        assertEquals("a", strip(stripper, "a\u001b"));
        assertEquals("", strip(stripper, "[1;3"));
        assertEquals("b", strip(stripper, "2mb"));
    }

    @Test
    void anEscapeNotFollowedByABracketIsKept() {
        assertEquals("x\u001b(y", strip(new AnsiStripper(), "x\u001b(y"));
    }
}
