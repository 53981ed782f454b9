package org.serveline.server.delivery;

import org.serveline.server.task.TaskId;

/**
 * A message in the outbox. {@code kind}: NOTICE carries the portal link and code and its delivery serves the task;
 * FLASH is the short class-0 SMS some courts send first.
 */
public record OutboxMessage(long id, TaskId taskId, Medium medium, Kind kind, String address, String subject,
        String body, int attempts) {

    public enum Kind {
        NOTICE, FLASH
    }

    public enum State {
        PENDING, SENT, DELIVERED, FAILED, SUPERSEDED
    }
}
