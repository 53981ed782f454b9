package org.serveline.telephony.call;

/** What became of one call attempt. */
public enum OutcomeKind {
    /** The party answered and the call was not cut short by the party (see {@link #HUNG_UP_EARLY}). */
    ANSWERED,
    NO_ANSWER,
    BUSY,
    CONGESTION,
    /** The party (or its network) declined the call. */
    REJECTED,
    /** The number does not exist or is malformed. */
    INVALID_NUMBER,
    /** The party's phone is switched off, out of coverage or out of order (Q.850 20, 27): try again later. */
    UNREACHABLE,
    /** The party answered, then hung up within the tracker's early-hangup window. */
    HUNG_UP_EARLY,
    /** A machine answered (Asterisk's AMD() said MACHINE): nobody heard the notice; try again later. */
    ANSWERING_MACHINE,
    /**
     * The PBX failed under the call: the AMI link was lost and the call's channels were gone when it came back
     * (Asterisk killed or restarted). Not the party's doing.
     */
    PBX_FAILURE,
    /** The PBX could not place the call, or nothing more specific is known. */
    FAILED
}
