package org.serveline.server.postal;

import java.util.List;

/**
 * The port to a postal carrier (EMS 法院专递 or any other): book an item, read its tracking history, and check a
 * webhook call the carrier made. Implementations: {@code carrier.HttpPostalCarrier} (the JSON-over-HTTP API of
 * ADR 0011) and {@code carrier.InMemoryPostalCarrier} (tests and the demo); both pass {@code PostalCarrierContract}.
 */
public interface PostalCarrier {

    /**
     * Books an item for the recipient; the carrier answers its tracking number. {@code request.reference()} is the
     * idempotency key: booking the same reference twice answers the same number.
     *
     * @throws CarrierUnavailableException when the carrier cannot be reached or answers nonsense
     */
    TrackingNumber book(BookingRequest request);

    /**
     * The item's tracking events, oldest first.
     *
     * @throws UnknownTrackingNumberException when the carrier does not know the number
     * @throws CarrierUnavailableException when the carrier cannot be reached or answers nonsense
     */
    List<TrackingEvent> track(TrackingNumber number);

    /**
     * The tracking event a webhook call carries, once its signature and freshness are proved.
     *
     * @throws WebhookRejectedException when the signature is wrong or missing, or the call is stale
     * @throws CarrierUnavailableException when the body is not what the API promises
     */
    WebhookDelivery verify(WebhookCall call);

    /** What the carrier needs to book an item. */
    record BookingRequest(String reference, String recipient, String address, String sender, int documents) {
    }

    /** A webhook call as received: its raw body and the three headers of ADR 0011. */
    record WebhookCall(byte[] body, String timestamp, String deliveryId, String signature) {
    }

    /** A proved webhook call: its delivery id (a nonce), when the carrier sent it, and the event. */
    record WebhookDelivery(String deliveryId, java.time.Instant sentAt, TrackingNumber trackingNumber,
            TrackingEvent event) {
    }
}
