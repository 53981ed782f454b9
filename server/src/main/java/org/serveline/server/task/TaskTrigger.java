package org.serveline.server.task;

/** What can happen to a service task. Each trigger is one column of the transition table. */
public enum TaskTrigger {
    /** A reviewer accepts the task. */
    APPROVE,
    /** A reviewer sends the task back to the clerk with a reason. */
    RETURN,
    /** The clerk corrects a returned task and submits it again. */
    RESUBMIT,
    /** A worker starts the first channel of the task's chain. */
    DISPATCH,
    /** The party consented to electronic service on a recorded call and gave an address. */
    CONSENT_CAPTURED,
    /** The current channel cannot serve the party (refused, exhausted, returned post, not found). */
    CHANNEL_FAILED,
    /** The documents reached the party (message accepted/opened, post signed, handed over, lodged). */
    DELIVERED,
    /** The public notice period elapsed. */
    NOTICE_ELAPSED,
    /** Someone stops the task for good, with a reason. */
    CANCEL
}
