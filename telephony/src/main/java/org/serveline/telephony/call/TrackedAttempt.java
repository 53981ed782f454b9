package org.serveline.telephony.call;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.OriginateRequest;

/** Mutable state of one open attempt; guarded by the tracker's lock. */
final class TrackedAttempt {

    final OriginateRequest request;
    final Instant registeredAt;
    AmiEvent.OriginateResponse response;
    String linkedId;
    boolean settled;
    ScheduledFuture<?> deadline;
    ScheduledFuture<?> answerWindow;

    TrackedAttempt(OriginateRequest request, Instant registeredAt) {
        this.request = request;
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
