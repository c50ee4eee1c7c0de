package io.jsupervisor.service.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.jsupervisor.config.model.EventType;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.Scheduler;

/**
 * Publishes {@code TICK_5}, {@code TICK_60} and {@code TICK_3600} when the wall clock enters a new
 * period, as supervisord does (never at startup: the first tick comes at the first boundary after
 * it). A timer set for the next five-second boundary does it, and only while some subscriber wants
 * ticks, so an idle supervisor without tick listeners never wakes.
 *
 * <p>Confined to the control thread.
 */
public final class Ticker {
    private static final Map<EventType, Long> PERIODS = new LinkedHashMap<>();

    static {
        PERIODS.put(EventType.TICK_5, 5L);
        PERIODS.put(EventType.TICK_60, 60L);
        PERIODS.put(EventType.TICK_3600, 3600L);
    }

    private static final long SHORTEST_MILLIS = 5_000;

    private final EventBus bus;
    private final Clock clock;
    private final Scheduler scheduler;
    /** The period each tick type was last in, in epoch seconds; reset whenever ticking (re)starts. */
    private final Map<EventType, Long> current = new LinkedHashMap<>();
    private Scheduler.Timer timer;
    private boolean started;

    public Ticker(EventBus bus, Clock clock, Scheduler scheduler) {
        this.bus = bus;
        this.clock = clock;
        this.scheduler = scheduler;
        bus.watchInterests(this::followInterest);
    }

    /** Begins ticking (if wanted) from now on. */
    public void start() {
        started = true;
        followInterest();
    }

    /** Stops for good. */
    public void stop() {
        started = false;
        followInterest();
    }

    private void followInterest() {
        boolean wanted = started && PERIODS.keySet().stream().anyMatch(bus::wanted);
        if (wanted && timer == null) {
            long now = clock.wallMillis();
            PERIODS.forEach((type, period) -> current.put(type, slice(now, period)));
            scheduleNext(now);
        } else if (!wanted && timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void scheduleNext(long now) {
        long delayMillis = SHORTEST_MILLIS - Math.floorMod(now, SHORTEST_MILLIS);
        timer = scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(delayMillis), this::tick);
    }

    private void tick() {
        long now = clock.wallMillis();
        scheduleNext(now);
        PERIODS.forEach((type, period) -> {
            long slice = slice(now, period);
            if (slice != current.get(type)) {
                current.put(type, slice);
                bus.publish(new TickEvent(type, slice));
            }
        });
    }

    private static long slice(long wallMillis, long periodSeconds) {
        long seconds = Math.floorDiv(wallMillis, 1000);
        return seconds - Math.floorMod(seconds, periodSeconds);
    }
}
