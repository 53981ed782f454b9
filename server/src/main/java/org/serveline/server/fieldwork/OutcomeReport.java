package org.serveline.server.fieldwork;

import java.time.Instant;
import java.util.List;

/**
 * What the agent reports: the outcome; who took the documents (the party, or a family member and their relation);
 * for a lodging the witness and the photos or videos of the documents left (SHA-256 of this assignment's
 * uploads); when it happened (default: now) and a note.
 */
public record OutcomeReport(FieldOutcome outcome, String recipient, String recipientRelation, String witness,
        List<String> photos, Instant occurredAt, String note) {

    public OutcomeReport {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }
}
