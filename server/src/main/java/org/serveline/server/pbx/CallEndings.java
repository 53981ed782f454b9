package org.serveline.server.pbx;

import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.telephony.call.AttemptOutcome;

/** Translates the tracker's {@link AttemptOutcome} (the call's last channel hung up) into the server's {@link CallEnded}. */
final class CallEndings {

    private CallEndings() {
    }

    static CallEnded callEnded(AttemptOutcome outcome) {
        CallOutcome kind = switch (outcome.kind()) {
            case ANSWERED -> null;
            case NO_ANSWER -> CallOutcome.NO_ANSWER;
            case BUSY -> CallOutcome.BUSY;
            case CONGESTION -> CallOutcome.CONGESTION;
            case REJECTED -> CallOutcome.REJECTED;
            case INVALID_NUMBER -> CallOutcome.INVALID_NUMBER;
            case UNREACHABLE -> CallOutcome.UNREACHABLE;
            case HUNG_UP_EARLY -> CallOutcome.HUNG_UP_EARLY;
            case ANSWERING_MACHINE -> CallOutcome.ANSWERING_MACHINE;
            case PBX_FAILURE -> CallOutcome.PBX_FAILURE;
            case FAILED -> CallOutcome.FAILED;
        };
        return new CallEnded(outcome.attemptId(), kind, outcome.answeredAt().orElse(null),
                outcome.operatorAnsweredAt().orElse(null), outcome.endedAt(),
                outcome.hangupCause().isPresent() ? outcome.hangupCause().getAsInt() : null, outcome.evidence());
    }
}
