package io.jsupervisor.service.event;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import io.jsupervisor.config.model.EventType;

/**
 * Hands every event published by the supervisor to the subscribers of its type or of a type above
 * it. One bus serves one run of the supervisor and is passed to whoever publishes or subscribes.
 *
 * <p>Events get supervisord's global serial numbers lazily: the first subscriber that asks for an
 * event's serial (an event-listener pool taking it in) fixes it, so events nobody queues use none.
 *
 * <p>Confined to the control thread.
 */
public final class EventBus {
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Runnable> interestWatchers = new ArrayList<>();
    private long lastSerial;

    /** @param lastSerial the serial given last, so that numbering goes on across restarts; -1 at first */
    public EventBus(long lastSerial) {
        this.lastSerial = lastSerial;
    }

    /** The serial given last, or -1. */
    public long lastSerial() {
        return lastSerial;
    }

    /** Gives {@code subscriber} every event of {@code types} and of the types below them, once each. */
    public Subscription subscribe(Set<EventType> types, Consumer<PublishedEvent> subscriber) {
        Subscription subscription = new Subscription(EnumSet.copyOf(types), subscriber);
        subscriptions.add(subscription);
        interestWatchers.forEach(Runnable::run);
        return subscription;
    }

    /** Runs {@code watcher} whenever a subscription is made or cancelled. */
    public void watchInterests(Runnable watcher) {
        interestWatchers.add(watcher);
    }

    /** Whether some subscriber receives events of {@code type}. */
    public boolean wanted(EventType type) {
        return subscriptions.stream().anyMatch(s -> s.receives(type));
    }

    /** Hands {@code event} to each subscriber of its type, in the order they subscribed. */
    public void publish(Event event) {
        PublishedEvent published = new PublishedEvent(event);
        for (Subscription s : List.copyOf(subscriptions)) {
            if (s.receives(event.type()) && subscriptions.contains(s)) {
                s.subscriber.accept(published);
            }
        }
    }

    /** One subscriber's interest in some event types. */
    public final class Subscription {
        private final Set<EventType> types;
        private final Consumer<PublishedEvent> subscriber;

        private Subscription(Set<EventType> types, Consumer<PublishedEvent> subscriber) {
            this.types = types;
            this.subscriber = subscriber;
        }

        private boolean receives(EventType type) {
            return types.stream().anyMatch(type::isA);
        }

        /** Stops the deliveries. */
        public void cancel() {
            if (subscriptions.remove(this)) {
                interestWatchers.forEach(Runnable::run);
            }
        }
    }

    /** An event as delivered: the event and, once asked for, its global serial. */
    public final class PublishedEvent {
        private final Event event;
        private long serial = -1;

        private PublishedEvent(Event event) {
            this.event = event;
        }

        public Event event() {
            return event;
        }

        /** supervisord's global serial of the event, given on the first call. */
        public long serial() {
            if (serial < 0) {
                lastSerial = lastSerial == Long.MAX_VALUE ? 0 : lastSerial + 1;
                serial = lastSerial;
            }
            return serial;
        }
    }
}
