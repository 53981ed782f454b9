package org.serveline.server.recording;

import java.time.Instant;

/**
 * What to list; every criterion is optional. {@code from} is inclusive, {@code to} exclusive (stored time);
 * {@code attemptId} lists a call's recordings (the call and, when there was one, its consent step).
 */
public record RecordingFilter(String caseNumber, Long taskId, String operator, Instant from, Instant to,
        String outcome, AuditStatus auditStatus, String attemptId) {

    public RecordingFilter(String caseNumber, Long taskId, String operator, Instant from, Instant to, String outcome,
            AuditStatus auditStatus) {
        this(caseNumber, taskId, operator, from, to, outcome, auditStatus, null);
    }
}
