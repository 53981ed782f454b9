package org.serveline.server.postal.carrier;

import java.util.List;
import org.serveline.server.postal.CarrierUnavailableException;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.postal.WebhookRejectedException;

/**
 * No carrier configured ({@code serveline.postal.carrier: NONE}): staff type tracking numbers, nothing is tracked,
 * every webhook is refused. Calls fail as "unavailable", so nothing is decided on them and nothing is lost.
 */
public final class NoPostalCarrier implements PostalCarrier {

    @Override
    public TrackingNumber book(BookingRequest request) {
        throw new CarrierUnavailableException("no postal carrier is configured (serveline.postal.carrier)");
    }

    @Override
    public List<TrackingEvent> track(TrackingNumber number) {
        throw new CarrierUnavailableException("no postal carrier is configured (serveline.postal.carrier)");
    }

    @Override
    public WebhookDelivery verify(WebhookCall call) {
        throw new WebhookRejectedException("no postal carrier is configured: webhooks are not accepted");
    }
}
