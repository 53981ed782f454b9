package org.serveline.server.statistics.internal;

import java.time.Instant;

/** One call attempt as exported, with its task's court and case and its recording's SHA-256. */
public record AttemptFacts(String id, long taskId, String court, String caseNumber, String number, Long campaignId,
        String operator, Instant createdAt, Instant answeredAt, Instant endedAt, String outcome, String consentDigit,
        Long decisionOffsetMs, String scriptVersion, String recordingSha256) {
}
