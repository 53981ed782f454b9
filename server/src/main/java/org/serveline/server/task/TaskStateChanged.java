package org.serveline.server.task;

import java.time.Instant;
import java.util.Map;

/**
 * Published whenever a task moves in its life cycle, including its creation (from == null); {@code evidence}
 * carries what the move rests on (documents, recording, consent …) for the audit trail.
 */
public record TaskStateChanged(TaskId taskId, TaskState from, TaskState to, TaskTrigger trigger, String actor,
        String reason, Instant at, Map<String, Object> evidence) {

    public TaskStateChanged {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}
