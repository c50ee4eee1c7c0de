package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/**
 * A child wrote to stdout or stderr ({@code PROCESS_LOG_STDOUT}/{@code _STDERR}), one event per
 * chunk read, sent only for a channel with {@code *_events_enabled=true}.
 *
 * @param channel {@code stdout} or {@code stderr}
 * @param data the bytes as read (after {@code strip_ansi}); not copied, so the creator hands over its array
 */
public record ProcessLogEvent(String channel, String processName, String groupName, int pid, byte[] data)
        implements Event {

    @Override
    public EventType type() {
        return channel.equals("stdout") ? EventType.PROCESS_LOG_STDOUT : EventType.PROCESS_LOG_STDERR;
    }

    @Override
    public String payload() {
        return "processname:" + processName + " groupname:" + groupName + " pid:" + pid + " channel:" + channel
                + "\n" + ChildText.of(data);
    }
}
