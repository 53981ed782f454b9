package org.serveline.server.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.serveline.server.call.CallOutcome;

/** One dial of one number for one task, as stored. */
public record CallAttempt(String id, long taskId, Long campaignId, String operator, String pbxId, String trunk,
        String number, String node, AttemptState state, CallOutcome networkOutcome, CallOutcome outcome, String outcomeEvidence,
        String noticeResult, String consentDigit, Duration consentOffset, String scriptVersion, String mobileNumber,
        Instant createdAt, Instant answeredAt, Instant endedAt, String settledBy) {

    /** What this attempt proves, as cited by audit events and receipts: the recording is named by the attempt id. */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("attemptId", id);
        evidence.put("recording", id);
        evidence.put("number", number);
        putIfPresent(evidence, "consentDigit", consentDigit);
        putIfPresent(evidence, "consentOffsetMs", consentOffset == null ? null : consentOffset.toMillis());
        putIfPresent(evidence, "scriptVersion", scriptVersion);
        putIfPresent(evidence, "mobileNumber", mobileNumber);
        putIfPresent(evidence, "answeredAt", answeredAt == null ? null : answeredAt.toString());
        return evidence;
    }

    /** What the attempt comes to when the PBX no longer has it and no more events will come. */
    public CallOutcome lostOutcome() {
        if (noticeResult != null) {
            return CallOutcome.valueOf(noticeResult);
        }
        if (networkOutcome != null) {
            return networkOutcome;
        }
        return answeredAt != null ? CallOutcome.NO_RESPONSE : CallOutcome.FAILED;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
