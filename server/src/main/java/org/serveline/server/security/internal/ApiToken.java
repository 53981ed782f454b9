package org.serveline.server.security.internal;

import java.time.Instant;
import java.util.Set;
import org.serveline.server.security.Role;

/** An API token as an administrator sees it: never its secret, which exists only in the answer that created it. */
public record ApiToken(long id, String name, Set<Role> roles, String createdBy, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt, String revokedBy) {

    /** The name audit events and {@code CurrentActor} give a request made with this token. */
    public String actor() {
        return "token:" + id + ":" + name;
    }

    /** The token just made: the secret is in this answer and nowhere else. */
    public record Created(ApiToken token, String secret) {
    }
}
