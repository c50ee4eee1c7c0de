package io.jsupervisor.service.io;

import java.util.function.Consumer;
import io.jsupervisor.service.event.Event;

/**
 * What one output channel of a process turns into events: its messages in capture mode
 * ({@code *_capture_maxbytes} above 0) and its output itself ({@code *_events_enabled}).
 *
 * @param channel {@code stdout} or {@code stderr}
 * @param captureMaxbytes the bound of the capture buffer, applied per piece read as supervisord does (see
 *        {@link RunChannel}); 0 turns capture mode off
 * @param publish hands an event to the control thread; called on the I/O thread
 */
public record ChannelEvents(String processName, String groupName, String channel, int captureMaxbytes,
                            boolean logEvents, Consumer<Event> publish) {

    /** Whether the channel makes any events, so that it needs more than its {@link ChannelLog}. */
    public boolean any() {
        return captureMaxbytes > 0 || logEvents;
    }
}
