package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/** An XML-RPC client sent a message to the listeners ({@code supervisor.sendRemoteCommEvent}). */
public record RemoteCommunicationEvent(String messageType, String data) implements Event {

    @Override
    public EventType type() {
        return EventType.REMOTE_COMMUNICATION;
    }

    @Override
    public String payload() {
        return "type:" + messageType + "\n" + data;
    }
}
