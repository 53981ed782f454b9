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
    /** The party answered, then hung up within the tracker's early-hangup window. */
    HUNG_UP_EARLY,
    /** The PBX could not place the call, or nothing more specific is known. */
    FAILED
}
