package org.serveline.recordings.retention;

import java.time.Instant;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;

/**
 * Retention removed one part of a recording; the server audits it.
 *
 * @param attemptId the recording's attempt
 * @param kind original or copy
 * @param address what was stored (the object itself may stay if another recording shares the same bytes)
 * @param storedAt when the recording was stored
 * @param removedAt when retention removed it
 */
public record RecordingExpired(AttemptId attemptId, ObjectKind kind, ContentAddress address, Instant storedAt,
        Instant removedAt) {
}
