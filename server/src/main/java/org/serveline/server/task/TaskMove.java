package org.serveline.server.task;

import java.util.Map;
import java.util.Objects;

/**
 * One task's move in a batch ({@link ServiceTasks#moveEach}): the task as the caller loaded it, and the reason and
 * evidence this task's move rests on (each task keeps its own: its service date, its delivery receipt …).
 */
public record TaskMove(ServiceTask task, String reason, Map<String, Object> evidence) {

    public TaskMove {
        Objects.requireNonNull(task, "task");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    public TaskMove(ServiceTask task, Map<String, Object> evidence) {
        this(task, null, evidence);
    }
}
