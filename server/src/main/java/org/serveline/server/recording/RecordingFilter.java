package org.serveline.server.recording;

import java.time.Instant;

/** What to list; every criterion is optional. {@code from} is inclusive, {@code to} exclusive (stored time). */
public record RecordingFilter(String caseNumber, Long taskId, String operator, Instant from, Instant to,
        String outcome, AuditStatus auditStatus) {
}
