package org.serveline.server.call;

import java.time.Duration;
import java.util.List;

/**
 * What the notice application (or an operator) heard from the party on an answered call: the refined outcome
 * (CONSENTED, REFUSED, NO_RESPONSE, TRANSFERRED, HUNG_UP_EARLY or FAILED) and the evidence, each offset into the
 * recording named for what it is.
 *
 * @param digit           the key that answered the question, if one did
 * @param decisionOffset  when the party's answer was given: the key that answered the question, or the operator's
 *                        mark; null when nobody answered (no response, hang-up, failure)
 * @param hangupOffset    when the party hung up during the notice; null otherwise
 * @param noticeEnded     when the automated notice ended, whatever its result; null for an operator's result
 * @param questionStarted when the consent question last started before the result; null if it never did
 * @param played          what was played before the result, segment by segment ("greeting@0.000s+4.000s!1")
 * @param scriptVersion   the exact wording: {@code <template version>@<sha256>}
 * @param mobileNumber    a mobile number the party confirmed
 * @param detail          a note for the audit trail
 */
public record NoticeHeard(String attemptId, CallOutcome outcome, String digit, Duration decisionOffset,
        Duration hangupOffset, Duration noticeEnded, Duration questionStarted, List<String> played,
        String scriptVersion, String mobileNumber, String detail) implements AttemptEvent {

    public NoticeHeard {
        played = played == null ? List.of() : List.copyOf(played);
    }

    /**
     * A result with one offset, placed by what it is: a hang-up's offset is {@code hangupOffset}, an answer's
     * (CONSENTED, REFUSED, TRANSFERRED) is {@code decisionOffset}, any other's is when the notice ended.
     */
    public NoticeHeard(String attemptId, CallOutcome outcome, String digit, Duration offset, String scriptVersion,
            String mobileNumber, String detail) {
        this(attemptId, outcome, digit, isAnswer(outcome) ? offset : null,
                outcome == CallOutcome.HUNG_UP_EARLY ? offset : null,
                isAnswer(outcome) || outcome == CallOutcome.HUNG_UP_EARLY ? null : offset, null, List.of(),
                scriptVersion, mobileNumber, detail);
    }

    private static boolean isAnswer(CallOutcome outcome) {
        return outcome == CallOutcome.CONSENTED || outcome == CallOutcome.REFUSED
                || outcome == CallOutcome.TRANSFERRED;
    }
}
