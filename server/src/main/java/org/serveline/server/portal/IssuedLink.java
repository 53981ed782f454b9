package org.serveline.server.portal;

import java.time.Instant;
import org.serveline.server.task.TaskId;

/**
 * A portal link as issued: the only moment the 6-digit code exists in clear (it goes into the party's message; the
 * database keeps its hash).
 */
public record IssuedLink(TaskId taskId, String token, String url, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedLink[task=" + taskId + ", url=" + url + ", expiresAt=" + expiresAt + "]";
    }
}
