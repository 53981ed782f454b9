package org.serveline.server.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.call.CallOutcome;

/** One dial of one number for one task, as stored. */
public record CallAttempt(String id, long taskId, Long campaignId, String operator, String pbxId, String trunk,
        String number, String node, AttemptState state, CallOutcome networkOutcome, CallOutcome outcome, String outcomeEvidence,
        String noticeResult, String consentDigit, Duration decisionOffset, NoticeOffsets notice, String scriptVersion,
        String mobileNumber, Instant createdAt, Instant answeredAt, Instant endedAt, String settledBy) {

    /**
     * The automated notice's evidence besides the answer's offset ({@code decisionOffset}, the key that answered
     * the question or the operator's mark).
     *
     * @param hangupOffset    when the party hung up during the notice
     * @param endedOffset     when the automated notice ended, whatever its result
     * @param questionOffset  when the consent question last started before the result
     * @param played          what was played before the result, segment by segment ("greeting@0.000s+4.000s!1")
     */
    public record NoticeOffsets(Duration hangupOffset, Duration endedOffset, Duration questionOffset,
            List<String> played) {

        public static final NoticeOffsets NONE = new NoticeOffsets(null, null, null, List.of());

        public NoticeOffsets {
            played = played == null ? List.of() : List.copyOf(played);
        }
    }

    public CallAttempt {
        notice = notice == null ? NoticeOffsets.NONE : notice;
    }

    /** What this attempt proves, as cited by audit events and receipts: the recording is named by the attempt id. */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("attemptId", id);
        evidence.put("recording", id);
        evidence.put("number", number);
        putIfPresent(evidence, "consentDigit", consentDigit);
        putIfPresent(evidence, "decisionOffsetMs", millis(decisionOffset));
        if (CallOutcome.CONSENTED.name().equals(noticeResult)) {
            // the name receipts cite; only ever the offset of a consent
            putIfPresent(evidence, "consentOffsetMs", millis(decisionOffset));
        }
        putIfPresent(evidence, "hangupOffsetMs", millis(notice.hangupOffset()));
        putIfPresent(evidence, "noticeEndedOffsetMs", millis(notice.endedOffset()));
        putIfPresent(evidence, "questionOffsetMs", millis(notice.questionOffset()));
        if (!notice.played().isEmpty()) {
            evidence.put("noticePlayed", String.join(" ", notice.played()));
        }
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

    /** As {@link CallAttempts#recordCallEnded} writes it. */
    CallAttempt withCallEnded(AttemptState newState, CallOutcome network, Instant answered, Instant ended,
            String evidence) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, newState, network, outcome,
                evidence, noticeResult, consentDigit, decisionOffset, notice, scriptVersion, mobileNumber, createdAt,
                answered, ended, settledBy);
    }

    /** As {@link CallAttempts#recordNoticeHeard} writes it. */
    CallAttempt withNotice(NoticeHeard heard, Instant now) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, AttemptState.ANSWERED,
                networkOutcome, outcome, outcomeEvidence, heard.outcome().name(), heard.digit(),
                ms(heard.decisionOffset()), new NoticeOffsets(ms(heard.hangupOffset()), ms(heard.noticeEnded()),
                        ms(heard.questionStarted()), heard.played()), heard.scriptVersion(), heard.mobileNumber(),
                createdAt, answeredAt != null ? answeredAt : now, endedAt, settledBy);
    }

    /** As stored: whole milliseconds. */
    private static Duration ms(Duration offset) {
        return offset == null ? null : Duration.ofMillis(offset.toMillis());
    }

    /** As {@link CallAttempts#settleStale} writes it before settling. */
    CallAttempt withEnd(Instant now, String evidence) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, state, networkOutcome,
                outcome, evidence, noticeResult, consentDigit, decisionOffset, notice, scriptVersion, mobileNumber,
                createdAt, answeredAt, endedAt != null ? endedAt : now, settledBy);
    }

    /** As the attempt stands once settled. */
    CallAttempt settled(CallOutcome result, String by) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, AttemptState.ENDED,
                networkOutcome, result, outcomeEvidence, noticeResult, consentDigit, decisionOffset, notice,
                scriptVersion, mobileNumber, createdAt, answeredAt, endedAt, by);
    }

    private static Long millis(Duration offset) {
        return offset == null ? null : offset.toMillis();
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
