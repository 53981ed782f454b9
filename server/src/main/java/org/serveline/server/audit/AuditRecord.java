package org.serveline.server.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to write into the audit trail: who did what to which subject, the state before and after, and the
 * evidence references (recording id and hash, consent offset, document hashes, reason …) as details.
 */
public record AuditRecord(String chain, String actor, String action, String subject, String before, String after,
        Map<String, Object> details) {

    public AuditRecord {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        details = details == null ? Map.of() : new TreeMap<>(details);
    }
}
