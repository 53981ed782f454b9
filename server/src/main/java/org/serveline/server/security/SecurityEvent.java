package org.serveline.server.security;

import java.util.Map;

/**
 * Something the audit trail must keep about people and tokens (a sign-in, a refusal, a lock, a change by an
 * administrator), published in the transaction of the change it describes; the audit feature appends it there, so
 * security does not depend on audit (ADR 0019).
 *
 * @param chain the audit chain ({@code staff:<name>}, {@code api-token:<id>}, {@code sign-in-address:<ip>})
 */
public record SecurityEvent(String chain, String actor, String action, String subject, String before, String after,
        Map<String, Object> details) {

    public SecurityEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
