package org.serveline.server.portal;

import java.time.Instant;
import org.serveline.server.task.TaskId;

/** A stored portal link (its code only as a hash). */
public record PortalLink(String token, TaskId taskId, int failedTries, Instant lockedAt, Instant expiresAt,
        Instant firstOpenedAt) {

    public boolean locked() {
        return lockedAt != null;
    }
}
