package io.jsupervisor.service.state;

/**
 * Where an event listener is in supervisord's listener protocol. A new listener is ACKNOWLEDGED
 * until it writes {@code READY}; READY ones are sent an event and become BUSY until their
 * {@code RESULT}; one that breaks the protocol is UNKNOWN and gets no more events until it is
 * started again.
 */
public enum ListenerState {
    ACKNOWLEDGED,
    READY,
    BUSY,
    UNKNOWN
}
