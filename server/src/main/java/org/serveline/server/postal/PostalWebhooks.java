package org.serveline.server.postal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.serveline.server.postal.internal.MailingRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook calls from the carrier: proved by the carrier adapter (signature, time window), refused as a replay
 * when their delivery id was seen, then applied like a polled event. A refused call changes nothing.
 */
@Service
public class PostalWebhooks {

    private final PostalCarrier carrier;
    private final PostalMailings mailings;
    private final MailingRows rows;
    private final Clock clock;

    PostalWebhooks(PostalCarrier carrier, PostalMailings mailings, JdbcClient jdbc, Clock clock) {
        this.carrier = carrier;
        this.mailings = mailings;
        this.rows = new MailingRows(jdbc);
        this.clock = clock;
    }

    /** Whether the event was new to the mailing (false: a known event delivered again, harmless). */
    @Transactional
    public boolean receive(PostalCarrier.WebhookCall call) {
        PostalCarrier.WebhookDelivery delivery = carrier.verify(call);
        Mailing mailing = rows.byTrackingNumber(delivery.trackingNumber(), false)
                .orElseThrow(() -> new UnknownTrackingNumberException(delivery.trackingNumber()));
        if (!rows.firstDelivery(delivery.deliveryId(), delivery.sentAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw new MailingConflictException("webhook delivery " + delivery.deliveryId()
                    + " was received before: a replay is refused");
        }
        return mailings.apply(mailing.id(), List.of(delivery.event()), "WEBHOOK") == 1;
    }
}
