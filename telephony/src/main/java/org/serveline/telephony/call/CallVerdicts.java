package org.serveline.telephony.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.dialplan.DialplanContract;

/**
 * What an attempt comes to, read from its OriginateResponse and its call's channels (the tracker calls it under its
 * lock). An answered call has a verdict only once its last channel hung up; the party's answer is kept apart from
 * the operator's on an operator call.
 */
final class CallVerdicts {

    /** A decided attempt: its {@link OutcomeTable} verdict and the facts the outcome carries. */
    record Verdict(OutcomeKind kind, Optional<Instant> answeredAt, Optional<Instant> operatorAnsweredAt,
                   Instant endedAt, OptionalInt hangupCause, String evidence) {
    }

    private CallVerdicts() {
    }

    /**
     * The verdict, or empty while the call is live. A failed response is decided at once: the caller waits for its
     * legs' hang-ups first if it wants their causes.
     */
    static Optional<Verdict> of(TrackedAttempt attempt, Optional<CallGroup> group, Duration earlyHangupWindow,
                                Instant now) {
        AmiEvent.OriginateResponse response = attempt.response;
        if (response == null) {
            return Optional.empty();
        }
        if (!response.success()) {
            return Optional.of(unanswered(attempt, group, "OriginateResponse Failure reason " + response.reason(),
                    response.reason(), now));
        }
        if (group.isEmpty() || !group.get().allHungUp()) {
            return Optional.empty(); // the call is live: it ends when its last channel hangs up
        }
        CallGroup call = group.get();
        String control = attempt.controlUniqueId().orElse(null);
        Optional<Instant> partyAnswered = partyAnsweredAt(attempt, call);
        Optional<Instant> operatorAnswered = operatorAnsweredAt(attempt, call);
        if (partyAnswered.isEmpty()) {
            // an operator call whose party never answered: the operator's Dial() tells why
            return Optional.of(unanswered(attempt, group, "operator answered at " + operatorAnswered.orElse(null)
                    + ", the party never did", 0, now));
        }
        Instant answeredAt = partyAnswered.get();
        Instant endedAt = call.endedAt().orElse(now);
        String amdStatus = call.variable(DialplanContract.AMD_STATUS_VARIABLE);
        Optional<CallGroup.EndSignal> end = call.firstEndSince(answeredAt);
        boolean partyEnded = end.map(signal -> signal.partyEnded(control, attempt.operatorCall)).orElse(false);
        Duration answeredFor = Duration.between(answeredAt, end.map(CallGroup.EndSignal::at).orElse(endedAt));
        OutcomeKind kind = OutcomeTable.answered(partyEnded, answeredFor, earlyHangupWindow, amdStatus);
        String evidence = "OriginateResponse Success reason " + response.reason() + "; party answered at " + answeredAt
                + operatorAnswered.map(at -> ", operator at " + at).orElse("")
                + end.map(signal -> "; first end " + signal.kind() + " on " + signal.channel() + " after "
                        + answeredFor.toMillis() + " ms (" + (partyEnded ? "party" : "our side") + ")").orElse("")
                + "; last channel hung up at " + endedAt + "; hangup causes " + call.causesPartyFirst(control)
                + (amdStatus.isEmpty() ? "" : "; AMDSTATUS " + amdStatus + " AMDCAUSE "
                        + call.variable(DialplanContract.AMD_CAUSE_VARIABLE));
        return Optional.of(new Verdict(kind, Optional.of(answeredAt), operatorAnswered, endedAt,
                hangupCause(call, control), evidence));
    }

    /** The PBX lost the call (its channels vanished while the AMI link was down). */
    static Verdict pbxFailure(TrackedAttempt attempt, Optional<CallGroup> group, Instant now, String evidence) {
        return new Verdict(OutcomeKind.PBX_FAILURE, group.flatMap(g -> partyAnsweredAt(attempt, g)),
                group.flatMap(g -> operatorAnsweredAt(attempt, g)), now, OptionalInt.empty(), evidence);
    }

    /** A verdict reached without the call's facts (no response, a refused Originate). */
    static Verdict bare(OutcomeKind kind, Instant now, String evidence) {
        return new Verdict(kind, Optional.empty(), Optional.empty(), now, OptionalInt.empty(), evidence);
    }

    private static Verdict unanswered(TrackedAttempt attempt, Optional<CallGroup> group, String fact, int reason,
                                      Instant now) {
        String control = attempt.controlUniqueId().orElse(null);
        String dialStatus = group.map(CallGroup::dialStatus).orElse("");
        List<Integer> causes = group.map(g -> g.causesPartyFirst(control)).orElse(List.of());
        OutcomeKind kind = OutcomeTable.unanswered(reason, dialStatus, causes);
        return new Verdict(kind, Optional.empty(), group.flatMap(g -> operatorAnsweredAt(attempt, g)),
                group.flatMap(CallGroup::endedAt).orElse(now),
                group.map(g -> hangupCause(g, control)).orElse(OptionalInt.empty()),
                fact + (dialStatus.isEmpty() ? "" : "; DialEnd " + dialStatus) + "; hangup causes " + causes);
    }

    /**
     * When the party answered: on a notice call the first leg up (the originated channel faces the party), no later
     * than the OriginateResponse; on an operator call the first leg up other than the operator's phone.
     */
    static Optional<Instant> partyAnsweredAt(TrackedAttempt attempt, CallGroup group) {
        if (attempt.operatorCall) {
            return attempt.controlUniqueId().flatMap(group::firstUpExcept);
        }
        if (attempt.response == null || !attempt.response.success()) {
            return group.firstUp();
        }
        Instant responded = attempt.response.receivedAt();
        return Optional.of(group.firstUp().filter(up -> up.isBefore(responded)).orElse(responded));
    }

    static Optional<Instant> operatorAnsweredAt(TrackedAttempt attempt, CallGroup group) {
        if (!attempt.operatorCall || attempt.response == null || !attempt.response.success()) {
            return Optional.empty();
        }
        Instant responded = attempt.response.receivedAt();
        return Optional.of(attempt.controlUniqueId().flatMap(group::upAt).filter(up -> up.isBefore(responded))
                .orElse(responded));
    }

    /** The party leg's cause (Local ";2" first); a cause of 0 only when no leg gave a real one. */
    private static OptionalInt hangupCause(CallGroup group, String control) {
        List<Integer> causes = group.causesPartyFirst(control);
        OptionalInt real = causes.stream().filter(cause -> cause > 0).mapToInt(Integer::intValue).findFirst();
        return real.isPresent() ? real : causes.stream().mapToInt(Integer::intValue).findFirst();
    }
}
