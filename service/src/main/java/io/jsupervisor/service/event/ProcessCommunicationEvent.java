package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/**
 * A child in capture mode ({@code *_capture_maxbytes}) wrote a message between
 * {@code <!--XSUPERVISOR:BEGIN-->} and {@code <!--XSUPERVISOR:END-->}
 * ({@code PROCESS_COMMUNICATION_STDOUT}/{@code _STDERR}).
 *
 * @param channel {@code stdout} or {@code stderr}
 * @param data the message, at most the last {@code capture_maxbytes} bytes of it
 */
public record ProcessCommunicationEvent(String channel, String processName, String groupName, int pid, byte[] data)
        implements Event {

    @Override
    public EventType type() {
        return channel.equals("stdout") ? EventType.PROCESS_COMMUNICATION_STDOUT
                : EventType.PROCESS_COMMUNICATION_STDERR;
    }

    @Override
    public String payload() {
        return "processname:" + processName + " groupname:" + groupName + " pid:" + pid + "\n" + ChildText.of(data);
    }
}
