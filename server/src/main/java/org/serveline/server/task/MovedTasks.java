package org.serveline.server.task;

import java.util.List;

/**
 * What {@link ServiceTasks#moveEach} did: the tasks it moved (saved, their moves published and audited), and those
 * someone saved since the caller loaded them, left as they are: the caller reloads those and decides one by one.
 */
public record MovedTasks(List<ServiceTask> moved, List<TaskId> changedMeanwhile) {

    public MovedTasks {
        moved = List.copyOf(moved);
        changedMeanwhile = List.copyOf(changedMeanwhile);
    }
}
