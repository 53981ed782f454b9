package org.serveline.server.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dial of one number for one task, as stored.
 *
 * @param decisionOffset     the offset of the key that answered the question (or of the operator's mark), into the
 *                           call's recording
 * @param answeredAt         when the party answered
 * @param endedAt            when the call's last channel hung up (or when the attempt was settled without the PBX
 *                           telling, e.g. by reconciliation)
 * @param operatorAnsweredAt when the operator's phone answered (operator calls only: the recording starts then)
 * @param hangupCause        the Q.850 cause of the party's leg, as the PBX reported it
 */
public record CallAttempt(String id, long taskId, Long campaignId, String operator, String pbxId, String trunk,
        String number, String node, AttemptState state, CallOutcome networkOutcome, CallOutcome outcome, String outcomeEvidence,
        String noticeResult, String consentDigit, Duration decisionOffset, NoticeOffsets notice, String scriptVersion,
        String mobileNumber, Instant createdAt, Instant answeredAt, Instant endedAt, String settledBy,
        Instant operatorAnsweredAt, Integer hangupCause) {

    /** Notice results that rest on the party's own keyed answer: the PBX's failure afterwards does not undo them. */
    private static final Set<String> PARTY_DECIDED = Set.of(CallOutcome.CONSENTED.name(), CallOutcome.REFUSED.name(),
            CallOutcome.TRANSFERRED.name(), CallOutcome.NO_RESPONSE.name());

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
        putIfPresent(evidence, "partyAnsweredAt", answeredAt == null ? null : answeredAt.toString());
        putIfPresent(evidence, "operatorAnsweredAt", operatorAnsweredAt == null ? null : operatorAnsweredAt.toString());
        putIfPresent(evidence, "endedAt", endedAt == null ? null : endedAt.toString());
        putIfPresent(evidence, "hangupCause", hangupCause);
        putIfPresent(evidence, "networkOutcome", networkOutcome == null ? null : networkOutcome.name());
        return evidence;
    }

    /** When the call's recording started: the operator's answer on an operator call, else the party's. */
    public Instant recordingStartedAt() {
        return operatorAnsweredAt != null ? operatorAnsweredAt : answeredAt;
    }

    /**
     * What the attempt comes to when the PBX no longer has it and no more events will come: the party's keyed answer
     * if it was heard; else the network outcome the PBX reported; else, for a call that was answered but whose end
     * the PBX never reported (AMI link lost, PBX restarted: the channels vanished), a PBX failure — the notice's
     * "hung up" is then what the PBX's death looked like from the AGI; else FAILED.
     */
    public CallOutcome lostOutcome() {
        if (noticeResult != null && PARTY_DECIDED.contains(noticeResult)) {
            return CallOutcome.valueOf(noticeResult);
        }
        if (networkOutcome != null) {
            return networkOutcome;
        }
        if (endedAt == null && (answeredAt != null || operatorAnsweredAt != null || noticeResult != null)) {
            return CallOutcome.PBX_FAILURE;
        }
        if (noticeResult != null) {
            return CallOutcome.valueOf(noticeResult);
        }
        return answeredAt != null ? CallOutcome.NO_RESPONSE : CallOutcome.FAILED;
    }

    /**
     * The outcome once both halves are in, when the network said {@code network}: a PBX failure gives way only to the
     * party's own keyed answer; an answering machine to nothing (no notice ran); otherwise the notice's result.
     */
    static CallOutcome decided(CallOutcome network, String noticeResult) {
        if (network == CallOutcome.PBX_FAILURE) {
            return noticeResult != null && PARTY_DECIDED.contains(noticeResult) ? CallOutcome.valueOf(noticeResult)
                    : CallOutcome.PBX_FAILURE;
        }
        if (network == CallOutcome.ANSWERING_MACHINE || noticeResult == null) {
            return network;
        }
        return CallOutcome.valueOf(noticeResult);
    }

    /** As {@link CallAttempts#recordCallEnded} writes it. */
    CallAttempt withCallEnded(AttemptState newState, CallEnded ended, Instant answered, Instant operatorAnswered,
            Instant lastHangup, String evidence) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, newState, ended.outcome(),
                outcome, evidence, noticeResult, consentDigit, decisionOffset, notice, scriptVersion, mobileNumber,
                createdAt, answered, lastHangup, settledBy, operatorAnswered, ended.hangupCause());
    }

    /** As the PBX showing the call answered leaves it: ANSWERED, the answer times kept if already recorded. */
    CallAttempt withAnswered(Instant partyAnswered, Instant operatorAnswered) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, AttemptState.ANSWERED,
                networkOutcome, outcome, outcomeEvidence, noticeResult, consentDigit, decisionOffset, notice,
                scriptVersion, mobileNumber, createdAt, answeredAt != null ? answeredAt : partyAnswered, endedAt,
                settledBy, operatorAnsweredAt != null ? operatorAnsweredAt : operatorAnswered, hangupCause);
    }

    /** As {@link CallAttempts#recordNoticeHeard} writes it. */
    CallAttempt withNotice(NoticeHeard heard, Instant now) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, AttemptState.ANSWERED,
                networkOutcome, outcome, outcomeEvidence, heard.outcome().name(), heard.digit(),
                ms(heard.decisionOffset()), new NoticeOffsets(ms(heard.hangupOffset()), ms(heard.noticeEnded()),
                        ms(heard.questionStarted()), heard.played()), heard.scriptVersion(), heard.mobileNumber(),
                createdAt, answeredAt != null ? answeredAt : now, endedAt, settledBy, operatorAnsweredAt, hangupCause);
    }

    /** As stored: whole milliseconds. */
    private static Duration ms(Duration offset) {
        return offset == null ? null : Duration.ofMillis(offset.toMillis());
    }

    /** As {@link CallAttempts#settleStale} writes it before settling. */
    CallAttempt withEnd(Instant now, String evidence) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, state, networkOutcome,
                outcome, evidence, noticeResult, consentDigit, decisionOffset, notice, scriptVersion, mobileNumber,
                createdAt, answeredAt, endedAt != null ? endedAt : now, settledBy, operatorAnsweredAt, hangupCause);
    }

    /** As the attempt stands once settled. */
    CallAttempt settled(CallOutcome result, String by) {
        return new CallAttempt(id, taskId, campaignId, operator, pbxId, trunk, number, node, AttemptState.ENDED,
                networkOutcome, result, outcomeEvidence, noticeResult, consentDigit, decisionOffset, notice,
                scriptVersion, mobileNumber, createdAt, answeredAt, endedAt, by, operatorAnsweredAt, hangupCause);
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
