package org.serveline.server.task;

import java.util.Map;

/** A change to a task that is not a move in its life cycle (a number marked bad, numbers added …). */
public record TaskChanged(TaskId taskId, String actor, String action, Map<String, Object> details) {

    public TaskChanged {
        details = Map.copyOf(details);
    }
}
