package org.serveline.server.call;

import java.time.Duration;
import java.time.Instant;
import org.serveline.server.call.CallOutcome;

/** One dial of one number for one task, as stored. */
public record CallAttempt(String id, long taskId, Long campaignId, String operator, String pbxId, String trunk,
        String number, String node, AttemptState state, CallOutcome networkOutcome, CallOutcome outcome, String outcomeEvidence,
        String noticeResult, String consentDigit, Duration consentOffset, String scriptVersion, String mobileNumber,
        Instant createdAt, Instant answeredAt, Instant endedAt, String settledBy) {
}
