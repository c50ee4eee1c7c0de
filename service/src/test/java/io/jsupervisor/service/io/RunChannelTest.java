package io.jsupervisor.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.jsupervisor.service.event.Event;
import io.jsupervisor.service.event.ProcessCommunicationEvent;
import org.junit.jupiter.api.Test;

/**
 * Capture mode's bound on a message ({@code stdout_capture_maxbytes}), as supervisord applies it to
 * each piece read: old bytes are dropped only when a piece would overflow the buffer, as many as
 * the piece brings, and the piece itself is always kept whole.
 */
class RunChannelTest {
    private static final String BEGIN = "<!--XSUPERVISOR:BEGIN-->";
    private static final String END = "<!--XSUPERVISOR:END-->";

    private final List<Event> published = new ArrayList<>();

    private OutputSink channel(int captureMaxbytes) {
        ChannelLog log = new ChannelLog("p", "stdout", Optional.empty(), (level, message) -> { }, false,
                Optional.empty());
        return RunChannel.of(log, new ChannelEvents("p", "g", "stdout", captureMaxbytes, false, published::add),
                42, (level, message) -> { });
    }

    private static void write(OutputSink sink, String text) {
        sink.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> messages() {
        return published.stream().map(e -> new String(((ProcessCommunicationEvent) e).data(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void aMessageReadInOnePieceIsKeptWholeEvenWhenLongerThanTheBound() {
        OutputSink sink = channel(10);
        write(sink, "x" + BEGIN + "0123456789ABCDEFGHIJ" + END + "y");
        assertEquals(List.of("0123456789ABCDEFGHIJ"), messages());
    }

    @Test
    void aPieceThatWouldOverflowDropsAsManyOldBytesAsItBrings() {
        OutputSink sink = channel(10);
        write(sink, BEGIN + "01234567");
        write(sink, "ABCDE");
        write(sink, END);
        assertEquals(List.of("567ABCDE"), messages(), "5 new bytes drop the first 5 of 8, not just the 3 over");
    }

    @Test
    void aPieceLongerThanTheBufferReplacesIt() {
        OutputSink sink = channel(10);
        write(sink, BEGIN + "0123");
        write(sink, "ABCDEFGHIJKL");
        write(sink, END);
        assertEquals(List.of("ABCDEFGHIJKL"), messages());
    }

    @Test
    void piecesWithinTheBoundAreJoinedAndEachMessageStartsEmpty() {
        OutputSink sink = channel(10);
        write(sink, BEGIN + "01234");
        write(sink, "56789" + END + BEGIN + "second");
        write(sink, END);
        assertEquals(List.of("0123456789", "second"), messages());
    }
}
