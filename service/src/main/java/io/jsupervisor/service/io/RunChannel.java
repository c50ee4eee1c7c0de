package io.jsupervisor.service.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.service.event.ProcessCommunicationEvent;
import io.jsupervisor.service.event.ProcessLogEvent;
import io.jsupervisor.service.process.SupervisorLog;

/**
 * One output channel of one run of a process that makes events. In capture mode, what the child
 * writes between {@code <!--XSUPERVISOR:BEGIN-->} and {@code <!--XSUPERVISOR:END-->} goes to a
 * buffer instead of the log file and is published as a PROCESS_COMMUNICATION event at the end
 * token; tokens split across reads are found by holding back a possible start of one. With
 * {@code *_events_enabled}, each piece of output is also a PROCESS_LOG event.
 *
 * <p>Unlike supervisord, which holds back any output no longer than a token while in capture mode
 * (and so never logs a short last line), only a real token prefix is held, and it is written when
 * the channel ends.
 *
 * <p>Used on the I/O thread.
 */
public final class RunChannel implements OutputSink {
    private static final byte[] BEGIN = "<!--XSUPERVISOR:BEGIN-->".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "<!--XSUPERVISOR:END-->".getBytes(StandardCharsets.US_ASCII);

    private final ChannelLog log;
    private final ChannelEvents events;
    private final int pid;
    private final SupervisorLog mainLog;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private boolean capturing;

    private RunChannel(ChannelLog log, ChannelEvents events, int pid, SupervisorLog mainLog) {
        this.log = log;
        this.events = events;
        this.pid = pid;
        this.mainLog = mainLog;
    }

    /** Where the channel's output of the run with {@code pid} goes: the log itself when it makes no events. */
    public static OutputSink of(ChannelLog log, ChannelEvents events, int pid, SupervisorLog mainLog) {
        return events.any() ? new RunChannel(log, events, pid, mainLog) : log;
    }

    @Override
    public void write(ByteBuffer read) {
        byte[] data = new byte[read.remaining()];
        read.get(data);
        if (events.captureMaxbytes() == 0) {
            piece(data);
            return;
        }
        held.writeBytes(data);
        byte[] rest = held.toByteArray();
        held.reset();
        while (rest.length > 0) {
            byte[] token = capturing ? END : BEGIN;
            int at = indexOf(rest, token);
            if (at < 0) {
                int prefix = prefixAtEnd(rest, token);
                piece(Arrays.copyOf(rest, rest.length - prefix));
                held.write(rest, rest.length - prefix, prefix);
                return;
            }
            piece(Arrays.copyOf(rest, at));
            toggle();
            rest = Arrays.copyOfRange(rest, at + token.length, rest.length);
        }
    }

    @Override
    public void closed() {
        piece(held.toByteArray());
        held.reset();
        log.closed();
    }

    /** Logs, captures and publishes one piece of output that holds no token. */
    private void piece(byte[] raw) {
        if (raw.length == 0) {
            return;
        }
        ByteBuffer data = log.strip(ByteBuffer.wrap(raw));
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        log.echo(data);
        if (capturing) {
            capture(bytes);
        } else {
            log.keep(data);
        }
        if (events.logEvents()) {
            events.publish().accept(new ProcessLogEvent(events.channel(), events.processName(), events.groupName(),
                    pid, bytes));
        }
    }

    /**
     * Adds a piece of the message to the capture buffer with supervisord's bound: a piece that would
     * take the buffer past {@code captureMaxbytes} first drops as many bytes as it brings from the
     * start of the buffer (all of them when it holds fewer), then is kept whole. So a message that
     * arrives in one piece is published whole even when it is longer than {@code captureMaxbytes},
     * and the buffer never holds more than the larger of {@code captureMaxbytes} and the largest piece.
     */
    private void capture(byte[] bytes) {
        int max = events.captureMaxbytes();
        if (captured.size() + bytes.length > max) {
            byte[] kept = captured.toByteArray();
            captured.reset();
            if (bytes.length < kept.length) {
                captured.write(kept, bytes.length, kept.length - bytes.length);
            }
        }
        captured.writeBytes(bytes);
    }

    private void toggle() {
        capturing = !capturing;
        if (!capturing) {
            events.publish().accept(new ProcessCommunicationEvent(events.channel(), events.processName(),
                    events.groupName(), pid, captured.toByteArray()));
            captured.reset();
            mainLog.log(LogLevel.DEBUG, PythonText.repr(events.processName()) + " " + events.channel()
                    + " emitted a comm event");
        }
    }

    private static int indexOf(byte[] data, byte[] token) {
        outer:
        for (int i = 0; i + token.length <= data.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (data[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The length of the longest end of {@code data} that is a start of {@code token} (shorter than it). */
    private static int prefixAtEnd(byte[] data, byte[] token) {
        for (int n = Math.min(token.length - 1, data.length); n > 0; n--) {
            if (Arrays.equals(data, data.length - n, data.length, token, 0, n)) {
                return n;
            }
        }
        return 0;
    }
}
