package io.jsupervisor.service.event;

import java.nio.charset.StandardCharsets;

/**
 * Encodes an event as supervisord's listener protocol sends it on a listener's stdin: the header
 * line {@code ver:3.0 server:<id> serial:<n> pool:<name> poolserial:<n> eventname:<TYPE> len:<n>}
 * and then the payload, in UTF-8.
 *
 * <p>{@code len} counts the payload's characters (Unicode code points), not its bytes, as
 * supervisord 4.2 on Python 3 does (its issue #1243): a listener that reads {@code len}
 * characters from a UTF-8 text stream gets exactly the payload.
 */
public final class EventEnvelope {
    private EventEnvelope() {
    }

    /**
     * @param server the supervisor's {@code identifier}
     * @param serial the event's global serial
     * @param pool the listener pool's name
     * @param poolSerial the event's serial within that pool
     */
    public static byte[] encode(String server, long serial, String pool, long poolSerial, Event event) {
        String payload = event.payload();
        String header = "ver:3.0 server:" + server + " serial:" + serial + " pool:" + pool + " poolserial:"
                + poolSerial + " eventname:" + event.type().name() + " len:"
                + payload.codePointCount(0, payload.length()) + "\n";
        return (header + payload).getBytes(StandardCharsets.UTF_8);
    }
}
