package org.serveline.server.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** One stored, hash-chained audit event. */
public record AuditEvent(long id, String chain, long seq, Instant occurredAt, String actor, String action,
        String subject, String before, String after, @JsonRawValue String details, String prevHash, String hash) {

    /** The text the hash covers: every field but the id, in a fixed order, with the predecessor's hash. */
    String hashedContent() {
        return String.join("\u001f", prevHash, chain, Long.toString(seq), occurredAt.toString(), actor, action,
                subject, nullToEmpty(before), nullToEmpty(after), details);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
