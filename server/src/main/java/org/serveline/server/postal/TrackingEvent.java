package org.serveline.server.postal;

import java.time.Instant;
import java.util.Objects;

/** One step of a mailing as the carrier reports it; {@code eventId} is the carrier's and unique per item. */
public sealed interface TrackingEvent {

    String eventId();

    Instant at();

    /** Where it happened (a post office, a sorting centre), if the carrier says. */
    String location();

    MailingStatus status();

    /** Accepted, in transit, out for delivery. */
    record Progress(String eventId, MailingStatus status, Instant at, String location) implements TrackingEvent {
        public Progress {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
            if (status != MailingStatus.ACCEPTED && status != MailingStatus.IN_TRANSIT
                    && status != MailingStatus.OUT_FOR_DELIVERY) {
                throw new IllegalArgumentException("not a progress status: " + status);
            }
        }
    }

    /** Delivered against a signature: by whom, in what relation to the party, when. */
    record Signed(String eventId, Instant at, String location, String signer, SignerRelation relation)
            implements TrackingEvent {
        public Signed {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(relation, "relation");
        }

        @Override
        public MailingStatus status() {
            return MailingStatus.SIGNED;
        }
    }

    /** Brought back to the court, and why. */
    record Returned(String eventId, Instant at, String location, ReturnReason reason) implements TrackingEvent {
        public Returned {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public MailingStatus status() {
            return MailingStatus.RETURNED;
        }
    }
}
