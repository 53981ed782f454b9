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
    AmiEvent.OriginateResponse response;
    String linkedId;
    boolean settled;
    ScheduledFuture<?> deadline;
    ScheduledFuture<?> answerWindow;

    TrackedAttempt(String attemptId, String taskId, String actionId, Instant registeredAt) {
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
        if (answerWindow != null) {
            answerWindow.cancel(false);
        }
    }
}
