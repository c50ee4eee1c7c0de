package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/**
 * A period of the wall clock began ({@code TICK_5}, {@code TICK_60}, {@code TICK_3600}).
 *
 * @param when the start of the new period, in whole seconds since the epoch (a multiple of the period)
 */
public record TickEvent(EventType type, long when) implements Event {

    @Override
    public String payload() {
        return "when:" + when;
    }
}
