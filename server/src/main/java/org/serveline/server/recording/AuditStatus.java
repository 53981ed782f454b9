package org.serveline.server.recording;

/** Where a recording stands in the supervisors' audit. */
public enum AuditStatus {
    /** Not chosen for review (no consent, not in the random sample) and nobody has reviewed it. */
    UNREVIEWED,
    /** Waiting in the review queue: a consent call or one of the random sample. */
    IN_QUEUE,
    /** The latest verdict found nothing wrong. */
    OK,
    /** The latest verdict flagged it; it stays in the queue. */
    FLAGGED
}
