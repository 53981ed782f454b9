package org.serveline.server.security.internal;

import java.time.Instant;
import java.util.Set;
import org.serveline.server.security.Role;

/** A person who signs in, as stored (the hash never leaves the security feature). */
public record StaffUser(String name, String passwordHash, Set<Role> roles, boolean enabled, String createdBy,
        Instant createdAt, Instant passwordChangedAt) {

    /** What an administrator sees of a user: everything but the hash, and whether the name is locked now. */
    public record View(String name, Set<Role> roles, boolean enabled, String createdBy, Instant createdAt,
            Instant passwordChangedAt, Instant lockedUntil) {
    }

    public View view(Instant lockedUntil) {
        return new View(name, roles, enabled, createdBy, createdAt, passwordChangedAt, lockedUntil);
    }
}
