package io.jsupervisor.service.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.jsupervisor.config.model.EventType;
import io.jsupervisor.service.process.FakeTime;
import org.junit.jupiter.api.Test;

/**
 * Tick events with a fake clock: one at each boundary of the wall clock after start (none at
 * start), TICK_5 before TICK_60 when both begin at once, and no timer at all while nobody listens.
 */
class TickerTest {
    final FakeTime time = new FakeTime(); // wall clock at 1_700_000_001.000 s: 4 s before a 5 s boundary
    final EventBus bus = new EventBus(-1);
    final Ticker ticker = new Ticker(bus, time, time);
    final List<String> ticks = new ArrayList<>();

    @Test
    void ticksAtEachBoundaryAfterStart() {
        bus.subscribe(Set.of(EventType.TICK), e -> ticks.add(e.event().type() + " " + e.event().payload()));
        ticker.start();
        time.advance(3.999);
        assertEquals(List.of(), ticks);
        time.advance(0.002);
        assertEquals(List.of("TICK_5 when:1700000005"), ticks);
        time.advance(35); // to 1_700_000_040, a multiple of 60
        assertEquals(List.of("TICK_5 when:1700000005", "TICK_5 when:1700000010", "TICK_5 when:1700000015",
                "TICK_5 when:1700000020", "TICK_5 when:1700000025", "TICK_5 when:1700000030", "TICK_5 when:1700000035",
                "TICK_5 when:1700000040", "TICK_60 when:1700000040"), ticks);
    }

    @Test
    void onlyWhileSomeoneListensToTicks() {
        ticker.start();
        bus.subscribe(Set.of(EventType.PROCESS_STATE), e -> ticks.add("unexpected " + e.event()));
        time.advance(60);
        assertEquals(List.of(), ticks);
        EventBus.Subscription sixty = bus.subscribe(Set.of(EventType.TICK_60),
                e -> ticks.add(e.event().payload()));
        time.advance(60);
        assertEquals(List.of("when:1700000100"), ticks);
        sixty.cancel();
        time.advance(120);
        assertEquals(List.of("when:1700000100"), ticks);
    }
}
