package org.serveline.server.call;

/**
 * How a call attempt ended, as far as the dialer's rules care: the telephony outcome, refined by what the
 * notice application heard when the party answered.
 */
public enum CallOutcome {
    /** Answered and consented by keypad (or by the operator). */
    CONSENTED,
    /** Answered and refused electronic service. */
    REFUSED,
    /** Answered but no valid key after the notice's repeats. */
    NO_RESPONSE,
    /** Answered, asked for an operator. */
    TRANSFERRED,
    /** Answered, then hung up within seconds. */
    HUNG_UP_EARLY,
    /** A machine answered (Asterisk's AMD()): the notice was not played, nobody heard it; called again later. */
    ANSWERING_MACHINE,
    NO_ANSWER,
    BUSY,
    CONGESTION,
    REJECTED,
    INVALID_NUMBER,
    /** The party's phone is off, out of coverage or out of order (Q.850 20, 27). */
    UNREACHABLE,
    /**
     * The PBX died under the call (AMI link lost, channels gone when it came back): not the party's doing, so the
     * attempt does not count against the party's attempts.
     */
    PBX_FAILURE,
    /** The PBX or the link failed; nothing is known about the party. */
    FAILED;

    /** The party was reached and heard (part of) the notice. */
    public boolean reachedParty() {
        return this == CONSENTED || this == REFUSED || this == NO_RESPONSE || this == TRANSFERRED;
    }

    /** Whether the attempt counts against the party's attempts (per number per day, per task). */
    public boolean spendsAnAttempt() {
        return this != PBX_FAILURE;
    }
}
