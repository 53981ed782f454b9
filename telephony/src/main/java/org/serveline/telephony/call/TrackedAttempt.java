package org.serveline.telephony.call;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.serveline.telephony.ami.AmiEvent;

/** Mutable state of one open attempt; guarded by the tracker's lock. */
final class TrackedAttempt {

    final String attemptId;
    final String taskId;
    final String actionId;
    final Instant registeredAt;
    /** An operator call: the originated channel is the operator's phone, the party is dialled from it. */
    final boolean operatorCall;
    AmiEvent.OriginateResponse response;
    /** Why and when the AMI link was lost while this attempt was open; null while the link holds. */
    String linkLost;
    Instant linkLostAt;
    String linkedId;
    boolean settled;
    /** Which answers were reported as {@link AttemptAnswered}. */
    boolean partyAnswerReported;
    boolean operatorAnswerReported;
    ScheduledFuture<?> deadline;
    /** A failed call waits this long for its legs' hang-ups; then it is decided on what is known. */
    ScheduledFuture<?> endWait;
    boolean endOverdue;

    TrackedAttempt(String attemptId, String taskId, String actionId, Instant registeredAt, boolean operatorCall) {
        this.operatorCall = operatorCall;
        this.attemptId = attemptId;
        this.taskId = taskId;
        this.actionId = actionId;
        this.registeredAt = registeredAt;
    }

    Optional<String> controlUniqueId() {
        return response == null ? Optional.empty() : response.uniqueId();
    }

    void cancelTimers() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (endWait != null) {
            endWait.cancel(false);
        }
    }
}
