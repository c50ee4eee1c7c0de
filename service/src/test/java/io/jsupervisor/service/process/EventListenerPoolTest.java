package io.jsupervisor.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.EventType;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.event.ProcessGroupEvent;
import io.jsupervisor.service.event.RemoteCommunicationEvent;
import io.jsupervisor.service.event.TickEvent;
import io.jsupervisor.service.platform.WaitStatus;
import io.jsupervisor.service.state.ListenerState;
import io.jsupervisor.service.state.ProcessState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * supervisord's listener protocol and event buffer, with a fake clock and launcher: what is sent to
 * whom and when, what each answer does, and the log lines, word for word.
 */
class EventListenerPoolTest {
    final FakeTime time = new FakeTime();
    final FakeLauncher launcher = new FakeLauncher(time);
    final List<String> log = new ArrayList<>();
    final EventBus bus = new EventBus(-1);
    EventListenerPool pool;
    SupervisedProcess first;
    SupervisedProcess second;

    @BeforeEach
    void twoListeners() {
        EventListenerPoolConfig config = new EventListenerPoolConfig("pool", -1, List.of(), 3,
                new TreeSet<>(List.of("PROCESS_GROUP", "REMOTE_COMMUNICATION")),
                EventListenerPoolConfig.DEFAULT_RESULT_HANDLER);
        pool = new EventListenerPool(config, "supervisor", launcher, time, (level, message) -> log.add(level.code()
                + " " + message));
        ProcessContext context = new ProcessContext(time, time, launcher, (level, message) -> { },
                (p, from, to, expected) -> pool.stateChanged(p, to), () -> true);
        first = new SupervisedProcess(SupervisedProcessTest.config("first", 1, 3, Autorestart.UNEXPECTED, false,
                false), "pool", context, ProcessOutput.DISCARD, Optional.empty());
        second = new SupervisedProcess(SupervisedProcessTest.config("second", 1, 3, Autorestart.UNEXPECTED, false,
                false), "pool", context, ProcessOutput.DISCARD, Optional.empty());
        pool.add(first);
        pool.add(second);
        pool.subscribe(bus);
    }

    /** The listener writes {@code text} to its stdout; the pool acts on it. */
    void says(SupervisedProcess listener, String text) {
        pool.reader(listener.name()).read(listener.pid(), text.getBytes(StandardCharsets.UTF_8));
        time.advance(0);
    }

    void running(SupervisedProcess listener) {
        listener.spawn();
        time.advance(1.001);
        assertEquals(ProcessState.RUNNING, listener.state());
    }

    void publish(String groupName) {
        bus.publish(ProcessGroupEvent.added(groupName));
        time.advance(0);
    }

    static String envelope(long serial, long poolSerial, String group) {
        return "ver:3.0 server:supervisor serial:" + serial + " pool:pool poolserial:" + poolSerial
                + " eventname:PROCESS_GROUP_ADDED len:" + ("groupname:" + group + "\n").length() + "\ngroupname:"
                + group + "\n";
    }

    @Test
    void aReadyRunningListenerGetsTheEnvelopeAndOkAcknowledges() {
        running(first);
        says(first, "READY\n");
        publish("web");
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "web")), launcher.stdin);
        assertEquals(ListenerState.BUSY, pool.state(first));
        says(first, "RESULT 2\nOK");
        assertEquals(ListenerState.ACKNOWLEDGED, pool.state(first));
        assertEquals(List.of("DEBG first: ACKNOWLEDGED -> READY", "DEBG event 0 sent to listener first",
                "DEBG first: event was processed", "DEBG first: BUSY -> ACKNOWLEDGED"), log);
    }

    @Test
    void nothingIsSentBeforeTheListenerIsRunningAndReady() {
        first.spawn();
        says(first, "READY\n");
        publish("web");
        assertEquals(List.of(), launcher.stdin, "STARTING (within startsecs) is not RUNNING");
        time.advance(1.001);
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "web")), launcher.stdin);
    }

    @Test
    void answersSplitOrJoinedAcrossReadsAreUnderstood() {
        running(first);
        says(first, "REA");
        says(first, "DY\n");
        publish("a");
        publish("b");
        says(first, "RESULT 2\nOKRE");
        says(first, "ADY\n");
        says(first, "RESULT 2\nO");
        says(first, "KREADY\n");
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "a"), first.pid() + ":" + envelope(1, 1, "b")),
                launcher.stdin);
        assertEquals(ListenerState.READY, pool.state(first));
        assertEquals(0, pool.buffered());
    }

    @Test
    void aBusyListenerLeavesTheNextEventToAnother() {
        running(first);
        running(second);
        says(first, "READY\n");
        says(second, "READY\n");
        publish("a");
        publish("b");
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "a"), second.pid() + ":" + envelope(1, 1, "b")),
                launcher.stdin);
    }

    @Test
    void aFullBufferDropsItsOldestEventAndSaysSo() {
        for (String group : List.of("a", "b", "c", "d", "e")) {
            publish(group);
        }
        assertEquals(List.of("ERRO pool pool event buffer overflowed, discarding event 0",
                "ERRO pool pool event buffer overflowed, discarding event 1"), log);
        running(first);
        says(first, "READY\n");
        assertEquals(List.of(first.pid() + ":" + envelope(2, 2, "c")), launcher.stdin);
    }

    @Test
    void aRejectedEventGoesBackToTheHeadOfTheQueue() {
        running(first);
        says(first, "READY\n");
        publish("a");
        publish("b");
        says(first, "RESULT 4\nFAILREADY\n");
        assertTrue(log.contains("WARN first: event was rejected"), log::toString);
        assertTrue(log.contains("DEBG rebuffering event 0 for pool pool (buf size=1, max=3)"), log::toString);
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "a"), first.pid() + ":" + envelope(0, 0, "a")),
                launcher.stdin);
    }

    @Test
    void anythingButReadyMakesANewListenerUnknownUntilItIsStartedAgain() {
        running(first);
        says(first, "HELLO!\n");
        assertEquals(ListenerState.UNKNOWN, pool.state(first));
        assertEquals(List.of("DEBG first: ACKNOWLEDGED -> UNKNOWN", "WARN first: has entered the UNKNOWN state and "
                + "will no longer receive events, this usually indicates the process violated the eventlistener "
                + "protocol"), log);
        says(first, "READY\n");
        publish("a");
        assertEquals(List.of(), launcher.stdin);
        first.stop();
        launcher.exit(first.pid(), WaitStatus.ofSignal(15, false));
        running(first);
        says(first, "READY\n");
        assertEquals(List.of(first.pid() + ":" + envelope(0, 0, "a")), launcher.stdin);
    }

    @Test
    void outputWhileReadyBreaksTheProtocol() {
        running(first);
        says(first, "READY\nREADY\n");
        assertEquals(ListenerState.UNKNOWN, pool.state(first));
    }

    @Test
    void aBadResultLineMakesTheListenerUnknownAndTheEventGoesToAnother() {
        running(first);
        running(second);
        says(first, "READY\n");
        publish("a");
        says(first, "RESULT two\n");
        assertTrue(log.contains("WARN first: bad result line: 'RESULT two'"), log::toString);
        assertEquals(ListenerState.UNKNOWN, pool.state(first));
        says(second, "READY\n");
        assertEquals(second.pid() + ":" + envelope(0, 0, "a"), launcher.stdin.get(1));
    }

    @Test
    void theEventOfAListenerThatDiesBeforeAnsweringIsSentAgain() {
        running(first);
        says(first, "READY\n");
        publish("a");
        publish("b");
        int dead = first.pid();
        launcher.exit(dead, WaitStatus.ofExit(1));
        assertEquals(ProcessState.STARTING, first.state(), "restarted after its unexpected exit");
        time.advance(1.001);
        says(first, "READY\n");
        assertEquals(List.of(dead + ":" + envelope(0, 0, "a"), first.pid() + ":" + envelope(0, 0, "a")),
                launcher.stdin);
        assertTrue(log.contains("DEBG rebuffering event 0 for pool pool (buf size=1, max=3)"), log::toString);
    }

    @Test
    void outputOfAnEarlierRunIsIgnored() {
        running(first);
        int old = first.pid();
        first.stop();
        launcher.exit(old, WaitStatus.ofSignal(15, false));
        running(first);
        pool.reader("first").read(old, "garbage".getBytes(StandardCharsets.UTF_8));
        time.advance(0);
        assertEquals(ListenerState.ACKNOWLEDGED, pool.state(first));
    }

    @Test
    void aListenerWhoseStdinIsClosedIsPassedOverAsSupervisordDoesOnEpipe() {
        running(first);
        says(first, "READY\n");
        launcher.stdinClosed = true;
        publish("a");
        assertTrue(log.contains("DEBG epipe occurred while sending event 0 to listener first, listener state "
                + "unchanged"), log::toString);
        assertEquals(ListenerState.READY, pool.state(first));
        assertEquals(1, pool.buffered());
        launcher.stdinClosed = false;
        running(second);
        says(second, "READY\n");
        assertEquals(List.of(second.pid() + ":" + envelope(0, 0, "a")), launcher.stdin);
    }

    @Test
    void serialsAreGlobalAcrossSubscribersAndPerPoolWithin() {
        bus.publish(new RemoteCommunicationEvent("t", "d"));
        bus.subscribe(Set.of(EventType.EVENT), EventBus.PublishedEvent::serial);
        bus.publish(new TickEvent(EventType.TICK_5, 5));
        publish("a");
        running(first);
        says(first, "READY\n");
        says(first, "RESULT 2\nOKREADY\n");
        assertEquals(List.of(first.pid() + ":ver:3.0 server:supervisor serial:0 pool:pool poolserial:0 "
                + "eventname:REMOTE_COMMUNICATION len:8\ntype:t\nd", first.pid() + ":" + envelope(2, 1, "a")),
                launcher.stdin);
    }
}
