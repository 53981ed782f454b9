package org.serveline.server.call;

import java.time.Instant;

/**
 * The PBX side of an attempt is over — its last channel hung up: how the call went at the network level
 * ({@code outcome} is one of the unanswered outcomes, HUNG_UP_EARLY, ANSWERING_MACHINE, PBX_FAILURE, FAILED, or null
 * for "answered normally").
 *
 * @param answeredAt         when the party answered, null if it never did
 * @param operatorAnsweredAt when the operator's phone answered (operator calls; their recording starts then)
 * @param endedAt            when the call's last channel hung up
 * @param hangupCause        the Q.850 cause of the party's leg, null if none came
 */
public record CallEnded(String attemptId, CallOutcome outcome, Instant answeredAt, Instant operatorAnsweredAt,
        Instant endedAt, Integer hangupCause, String evidence) implements AttemptEvent {

    /** A notice call's end, without an operator or a known cause. */
    public CallEnded(String attemptId, CallOutcome outcome, Instant answeredAt, Instant endedAt, String evidence) {
        this(attemptId, outcome, answeredAt, null, endedAt, null, evidence);
    }

    public boolean answered() {
        return answeredAt != null;
    }
}
