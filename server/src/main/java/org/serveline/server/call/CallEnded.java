package org.serveline.server.call;

import java.time.Instant;

/**
 * The PBX side of an attempt is over: how the call went at the network level ({@code outcome} is one of the
 * unanswered outcomes, HUNG_UP_EARLY, FAILED, or null for "answered normally").
 */
public record CallEnded(String attemptId, CallOutcome outcome, Instant answeredAt, Instant endedAt, String evidence) {

    public boolean answered() {
        return answeredAt != null;
    }
}
