package org.serveline.recordings.retention;

import java.time.Instant;
import java.util.Objects;

import org.serveline.recordings.AttemptId;

/** A recording that must not be deleted, whatever the retention policy says, until the hold is released. */
public record LegalHold(AttemptId attemptId, String reason, Instant placedAt) {

    public LegalHold {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(placedAt, "placedAt");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a legal hold needs a reason");
        }
    }
}
