package org.serveline.server.postal;

import java.time.Instant;
import java.util.List;

/** A mailing as the API shows it. */
public record MailingView(long id, long taskId, String recipient, String address, String trackingNumber,
        MailingStatus status, String statusText, String signer, SignerRelation signerRelation, Instant signedAt,
        ReturnReason returnReason, Instant returnedAt, Instant nextCheckAt, int failures, String lastError,
        List<Mailing.RecordedEvent> history) {

    public static MailingView of(Mailing m) {
        return new MailingView(m.id(), m.taskId().value(), m.recipient(), m.address(),
                m.trackingNumber() == null ? null : m.trackingNumber().value(), m.status(), m.status().chinese(),
                m.signer(), m.signerRelation(), m.signedAt(), m.returnReason(), m.returnedAt(), m.nextCheckAt(),
                m.failures(), m.lastError(), m.history());
    }
}
