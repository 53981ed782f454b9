package org.serveline.server.task;

import java.time.Instant;

/** Published whenever a task moves in its life cycle, including its creation (from == null). */
public record TaskStateChanged(TaskId taskId, TaskState from, TaskState to, TaskTrigger trigger, String actor,
        String reason, Instant at) {
}
