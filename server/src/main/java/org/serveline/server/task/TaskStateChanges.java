package org.serveline.server.task;

import java.util.List;

/** The moves of a batch of tasks saved together ({@link ServiceTasks#moveAll}), published as one event. */
public record TaskStateChanges(List<TaskStateChanged> changes) {

    public TaskStateChanges {
        changes = List.copyOf(changes);
    }
}
