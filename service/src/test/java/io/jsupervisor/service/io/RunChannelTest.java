package io.jsupervisor.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.event.Event;
import io.jsupervisor.service.event.ProcessCommunicationEvent;
import io.jsupervisor.service.event.ProcessLogEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture mode and PROCESS_LOG events on one channel: what reaches the log file, what becomes an
 * event, with tokens split anywhere across reads, and that no byte is held back for good. A
 * captured message is bounded by {@code capture_maxbytes} as supervisord bounds it, piece by piece
 * as read: old bytes are dropped only when a piece would overflow the buffer, as many as the piece
 * brings, and the piece itself is always kept whole.
 */
class RunChannelTest {
    private static final String BEGIN = "<!--XSUPERVISOR:BEGIN-->";
    private static final String END = "<!--XSUPERVISOR:END-->";
    @TempDir
    Path dir;
    final List<String> mainLog = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    ChannelLog log;

    @BeforeEach
    void channelLog() throws IOException {
        log = channelLog(false);
    }

    private ChannelLog channelLog(boolean stripAnsi) throws IOException {
        return new ChannelLog("web", "stdout", Optional.of(new RotatingLogFile(dir.resolve("web.log"), 0, 0)),
                (level, message) -> mainLog.add(level.code() + " " + message), stripAnsi, Optional.empty());
    }

    private OutputSink run(int captureMaxbytes, boolean logEvents) {
        return RunChannel.of(log, new ChannelEvents("web", "grp", "stdout", captureMaxbytes, logEvents, events::add),
                42, (level, message) -> mainLog.add(level.code() + " " + message));
    }

    private static void write(OutputSink sink, String text) {
        sink.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String file() throws IOException {
        Path file = dir.resolve("web.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String data(Event event) {
        byte[] data = event instanceof ProcessCommunicationEvent c ? c.data() : ((ProcessLogEvent) event).data();
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void aCapturedMessageBecomesAnEventAndStaysOutOfTheLogEvenWhenTokensArriveByteByByte() throws IOException {
        OutputSink sink = run(100, false);
        String output = "before <!--XSUPERVISOR:BEGIN-->the message<!--XSUPERVISOR:END--> after\n";
        for (char c : output.toCharArray()) {
            write(sink, String.valueOf(c));
        }
        assertEquals("before  after\n", file());
        assertEquals(1, events.size());
        ProcessCommunicationEvent event = (ProcessCommunicationEvent) events.get(0);
        assertEquals("processname:web groupname:grp pid:42\nthe message", event.payload());
        assertEquals(1, mainLog.stream().filter((LogLevel.DEBUG.code() + " 'web' stdout emitted a comm event")::equals)
                .count(), mainLog::toString);
    }

    @Test
    void shortOutputIsNotHeldBackAndAPossibleTokenStartIsWrittenWhenTheChannelEnds() throws IOException {
        OutputSink sink = run(100, false);
        write(sink, "hi\n");
        assertEquals("hi\n", file(), "unlike supervisord, output no longer than a token is logged at once");
        write(sink, "x<!--XSUP");
        assertEquals("hi\nx", file());
        sink.closed();
        assertEquals("hi\nx<!--XSUP", file());
    }

    @Test
    void withoutCaptureModeTheTokensAreJustOutput() throws IOException {
        OutputSink sink = run(0, true);
        write(sink, "<!--XSUPERVISOR:BEGIN-->a<!--XSUPERVISOR:END-->");
        assertEquals("<!--XSUPERVISOR:BEGIN-->a<!--XSUPERVISOR:END-->", file());
        assertEquals(List.of("<!--XSUPERVISOR:BEGIN-->a<!--XSUPERVISOR:END-->"), events.stream().map(
                RunChannelTest::data).toList());
    }

    @Test
    void eachPieceOfOutputIsALogEventWithThePidOfItsRunStrippedOfAnsiWhenAsked() throws IOException {
        log = channelLog(true);
        OutputSink sink = run(0, true);
        write(sink, "\u001b[31mred\u001b[0m\n");
        write(sink, "plain\n");
        assertEquals(List.of("processname:web groupname:grp pid:42 channel:stdout\nred\n",
                "processname:web groupname:grp pid:42 channel:stdout\nplain\n"),
                events.stream().map(Event::payload).toList());
        assertEquals("red\nplain\n", file());
    }

    @Test
    void capturedOutputIsAlsoALogEventAsInSupervisord() {
        OutputSink sink = run(100, true);
        write(sink, "a<!--XSUPERVISOR:BEGIN-->b<!--XSUPERVISOR:END-->c");
        assertEquals(List.of("a", "b", "b", "c"), events.stream().map(RunChannelTest::data).toList());
    }

    @Test
    void aChannelWithoutEventsIsItsLogItself() {
        assertEquals(log, run(0, false));
    }

    private List<String> messages() {
        return events.stream().filter(ProcessCommunicationEvent.class::isInstance).map(RunChannelTest::data).toList();
    }

    @Test
    void aMessageReadInOnePieceIsKeptWholeEvenWhenLongerThanTheBound() {
        OutputSink sink = run(10, false);
        write(sink, "x" + BEGIN + "0123456789ABCDEFGHIJ" + END + "y");
        assertEquals(List.of("0123456789ABCDEFGHIJ"), messages());
    }

    @Test
    void aPieceThatWouldOverflowDropsAsManyOldBytesAsItBrings() {
        OutputSink sink = run(10, false);
        write(sink, BEGIN + "01234567");
        write(sink, "ABCDE");
        write(sink, END);
        assertEquals(List.of("567ABCDE"), messages(), "5 new bytes drop the first 5 of 8, not just the 3 over");
    }

    @Test
    void aPieceLongerThanTheBufferReplacesIt() {
        OutputSink sink = run(10, false);
        write(sink, BEGIN + "0123");
        write(sink, "ABCDEFGHIJKL");
        write(sink, END);
        assertEquals(List.of("ABCDEFGHIJKL"), messages());
    }

    @Test
    void piecesWithinTheBoundAreJoinedAndEachMessageStartsEmpty() {
        OutputSink sink = run(10, false);
        write(sink, BEGIN + "01234");
        write(sink, "56789" + END + BEGIN + "second");
        write(sink, END);
        assertEquals(List.of("0123456789", "second"), messages());
    }
}
