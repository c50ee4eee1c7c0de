package io.jsupervisor.service.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import io.jsupervisor.config.model.EventType;
import io.jsupervisor.service.state.ProcessState;
import org.junit.jupiter.api.Test;

/** Every event's payload and the envelope, byte for byte as supervisord 4.2.5 sends them (observed). */
class EventTextTest {

    private static String state(ProcessState to, ProcessState from, int tries, boolean expected, int pid) {
        return new ProcessStateEvent(to, "web", "grp", from, tries, expected, pid).payload();
    }

    @Test
    void processStatePayloadsCarryWhatEachStateAdds() {
        ProcessState stopped = ProcessState.STOPPED;
        assertEquals("processname:web groupname:grp from_state:STOPPED tries:0",
                state(ProcessState.STARTING, stopped, 0, true, 0));
        assertEquals("processname:web groupname:grp from_state:STARTING tries:2",
                state(ProcessState.BACKOFF, ProcessState.STARTING, 2, true, 0));
        assertEquals("processname:web groupname:grp from_state:STARTING pid:42",
                state(ProcessState.RUNNING, ProcessState.STARTING, 0, true, 42));
        assertEquals("processname:web groupname:grp from_state:RUNNING pid:42",
                state(ProcessState.STOPPING, ProcessState.RUNNING, 0, true, 42));
        assertEquals("processname:web groupname:grp from_state:STOPPING pid:42",
                state(ProcessState.STOPPED, ProcessState.STOPPING, 0, true, 42));
        assertEquals("processname:web groupname:grp from_state:RUNNING expected:0 pid:42",
                state(ProcessState.EXITED, ProcessState.RUNNING, 0, false, 42));
        assertEquals("processname:web groupname:grp from_state:RUNNING expected:1 pid:42",
                state(ProcessState.EXITED, ProcessState.RUNNING, 0, true, 42));
        assertEquals("processname:web groupname:grp from_state:BACKOFF",
                state(ProcessState.FATAL, ProcessState.BACKOFF, 0, true, 0));
        assertEquals("processname:web groupname:grp from_state:STOPPING",
                state(ProcessState.UNKNOWN, ProcessState.STOPPING, 0, true, 42));
        assertEquals(EventType.PROCESS_STATE_EXITED,
                new ProcessStateEvent(ProcessState.EXITED, "w", "g", stopped, 0, true, 1).type());
    }

    @Test
    void outputEventsDecodeUtf8OrSayUndecodable() {
        byte[] text = "héllo\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("processname:web groupname:grp pid:7 channel:stderr\nhéllo\n",
                new ProcessLogEvent("stderr", "web", "grp", 7, text).payload());
        assertEquals(EventType.PROCESS_LOG_STDERR, new ProcessLogEvent("stderr", "web", "grp", 7, text).type());
        assertEquals("processname:web groupname:grp pid:7\nUndecodable: b'\\x88\\n'",
                new ProcessCommunicationEvent("stdout", "web", "grp", 7, new byte[] {(byte) 0x88, '\n'}).payload());
        assertEquals(EventType.PROCESS_COMMUNICATION_STDOUT,
                new ProcessCommunicationEvent("stdout", "web", "grp", 7, text).type());
    }

    @Test
    void otherPayloads() {
        assertEquals("type:mytype\nmy data é", new RemoteCommunicationEvent("mytype", "my data é").payload());
        assertEquals("", SupervisorStateEvent.RUNNING.payload());
        assertEquals(EventType.SUPERVISOR_STATE_CHANGE_STOPPING, SupervisorStateEvent.STOPPING.type());
        assertEquals("groupname:web\n", ProcessGroupEvent.added("web").payload());
        assertEquals(EventType.PROCESS_GROUP_REMOVED, ProcessGroupEvent.removed("web").type());
        assertEquals("when:1795391325", new TickEvent(EventType.TICK_5, 1795391325).payload());
    }

    @Test
    void envelopeLenCountsCodePointsNotBytesNorUtf16Units() {
        // é is 2 bytes, 漢 3, 😀 4 bytes and 2 UTF-16 units: 1 character each, as Python counts them
        byte[] envelope = EventEnvelope.encode("supervisor", 10, "rec", 3,
                new RemoteCommunicationEvent("t", "é漢😀"));
        assertEquals("ver:3.0 server:supervisor serial:10 pool:rec poolserial:3 eventname:REMOTE_COMMUNICATION "
                + "len:10\ntype:t\né漢😀", new String(envelope, StandardCharsets.UTF_8));
    }

    @Test
    void supertypesContainTheirKinds() {
        assertEquals(true, EventType.PROCESS_STATE_FATAL.isA(EventType.PROCESS_STATE));
        assertEquals(true, EventType.TICK_60.isA(EventType.EVENT));
        assertEquals(false, EventType.PROCESS_STATE.isA(EventType.PROCESS_STATE_FATAL));
        assertEquals(false, EventType.PROCESS_LOG_STDOUT.isA(EventType.PROCESS_COMMUNICATION));
    }
}
