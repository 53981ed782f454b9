package org.serveline.server.postal;

import java.time.Instant;
import java.util.List;
import org.serveline.server.task.TaskId;

/**
 * The mailing of one task's documents: where to, its tracking number once booked, its status, and the signer or the
 * reason it came back; {@code history} holds every tracking event recorded, oldest first.
 */
public record Mailing(long id, TaskId taskId, String courtId, String recipient, String address,
        TrackingNumber trackingNumber, MailingStatus status, String signer, SignerRelation signerRelation,
        Instant signedAt, ReturnReason returnReason, Instant returnedAt, Instant nextCheckAt, int failures,
        String lastError, Instant createdAt, List<RecordedEvent> history) {

    public Mailing {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public Mailing withHistory(List<RecordedEvent> events) {
        return new Mailing(id, taskId, courtId, recipient, address, trackingNumber, status, signer, signerRelation,
                signedAt, returnReason, returnedAt, nextCheckAt, failures, lastError, createdAt, events);
    }

    /** A tracking event as recorded: from a poll or a webhook. */
    public record RecordedEvent(String eventId, MailingStatus status, Instant at, String location, String source,
            Instant recordedAt) {
    }
}
