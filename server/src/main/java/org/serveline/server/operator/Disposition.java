package org.serveline.server.operator;

/** How an operator closes a task's call. */
public enum Disposition {
    /** The party consented to electronic service on the recorded call (with the address to serve to). */
    SERVED_CONSENT,
    /** The party refused electronic service: the task goes on to its next channel. */
    REFUSED,
    /** The number does not reach the party: it is marked bad and the party's next number is tried. */
    WRONG_NUMBER,
    /** The party asked to be called again at a given time. */
    CALL_BACK
}
