package io.jsupervisor.service.event;

import io.jsupervisor.config.model.EventType;

/** A group became active ({@code PROCESS_GROUP_ADDED}) or was dropped ({@code PROCESS_GROUP_REMOVED}). */
public record ProcessGroupEvent(EventType type, String groupName) implements Event {

    public static ProcessGroupEvent added(String group) {
        return new ProcessGroupEvent(EventType.PROCESS_GROUP_ADDED, group);
    }

    public static ProcessGroupEvent removed(String group) {
        return new ProcessGroupEvent(EventType.PROCESS_GROUP_REMOVED, group);
    }

    @Override
    public String payload() {
        return "groupname:" + groupName + "\n";
    }
}
