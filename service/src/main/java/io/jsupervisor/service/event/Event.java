package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/**
 * Something that happened in the supervisor that listeners may want to know: one of supervisord's
 * event types with its payload, the text a listener receives after the envelope's header line.
 * Values an event reports (a pid, a retry count) are taken when it is created, not when it is sent.
 *
 * <p>Implementations are immutable and may be created on any thread.
 */
public sealed interface Event permits ProcessStateEvent, ProcessLogEvent, ProcessCommunicationEvent,
        RemoteCommunicationEvent, SupervisorStateEvent, ProcessGroupEvent, TickEvent {

    /** The concrete type, as named on the wire. */
    EventType type();

    /** The payload exactly as supervisord words it. */
    String payload();
}
