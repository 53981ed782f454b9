package org.serveline.server.postal.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.CarrierUnavailableException;
import org.serveline.server.postal.MailingStatus;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.ReturnReason;
import org.serveline.server.postal.SignerRelation;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.postal.UnknownTrackingNumberException;
import org.serveline.server.postal.WebhookRejectedException;

/**
 * What every {@link PostalCarrier} must do. A backend's test class implements this interface and returns from
 * {@link #testee()} a carrier that knows the fixture items below (recorded in {@code postal/recorded}) and checks
 * webhooks with {@link #SECRET} at the time {@link #NOW}.
 */
public interface PostalCarrierContract {

    String SECRET = "contract-webhook-secret";
    Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    TrackingNumber SIGNED = TrackingNumber.of("EA", 11_000_001, "CN");
    TrackingNumber REFUSED = TrackingNumber.of("EA", 11_000_002, "CN");
    TrackingNumber IN_TRANSIT = TrackingNumber.of("EA", 11_000_003, "CN");
    TrackingNumber UNKNOWN = TrackingNumber.of("EA", 11_000_009, "CN");

    /** Which recording each fixture item plays. */
    Map<TrackingNumber, String> FIXTURES = Map.of(SIGNED, "signed-by-family.json", REFUSED, "returned-refused.json",
            IN_TRANSIT, "in-transit.json");

    PostalCarrier testee();

    static WebhookSignature signature() {
        return new WebhookSignature(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static PostalCarrier.WebhookCall webhook(TrackingNumber number, TrackingEvent event, Instant sentAt,
            String deliveryId, String secret) {
        byte[] body = CarrierJson.write(Map.of("trackingNumber", number.value(), "event", CarrierJson.json(event)));
        String timestamp = Long.toString(sentAt.getEpochSecond());
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5), Clock.fixed(sentAt, ZoneOffset.UTC))
                .sign(timestamp, body);
        return new PostalCarrier.WebhookCall(body, timestamp, deliveryId, signature);
    }

    @Test
    default void bookingAnswersAnS10NumberAndTheSameNumberForTheSameReference() {
        PostalCarrier carrier = testee();
        PostalCarrier.BookingRequest request = new PostalCarrier.BookingRequest("mailing-contract-1", "张三",
                "内蒙古乌海市海南区人民路1号", "乌海市海南区人民法院", 2);

        TrackingNumber first = carrier.book(request);

        assertThat(first.value()).matches("EA\\d{9}CN");
        assertThat(carrier.book(request)).isEqualTo(first);
        assertThat(carrier.book(new PostalCarrier.BookingRequest("mailing-contract-2", "李四", "某地", "法院", 1)))
                .isNotEqualTo(first);
    }

    @Test
    default void aBookedItemIsTrackedAsAccepted() {
        PostalCarrier carrier = testee();
        TrackingNumber number = carrier.book(new PostalCarrier.BookingRequest("mailing-contract-3", "王五", "某地",
                "法院", 1));

        List<TrackingEvent> events = carrier.track(number);

        assertThat(events).extracting(TrackingEvent::status).containsExactly(MailingStatus.ACCEPTED);
    }

    @Test
    default void aSignedItemNamesItsSignerTheirRelationAndTheTime() {
        List<TrackingEvent> events = testee().track(SIGNED);

        assertThat(events).extracting(TrackingEvent::status)
                .containsExactly(MailingStatus.ACCEPTED, MailingStatus.SIGNED);
        TrackingEvent.Signed signed = (TrackingEvent.Signed) events.getLast();
        assertThat(signed.signer()).isEqualTo("王秀英");
        assertThat(signed.relation()).isEqualTo(SignerRelation.ADULT_FAMILY_MEMBER);
        assertThat(signed.at()).isEqualTo(Instant.parse("2026-11-29T06:05:00Z"));
        assertThat(signed.eventId()).isEqualTo(SIGNED.value() + "-04");
    }

    @Test
    default void aReturnedItemSaysWhy() {
        List<TrackingEvent> events = testee().track(REFUSED);

        assertThat(events.getLast()).isInstanceOfSatisfying(TrackingEvent.Returned.class,
                r -> assertThat(r.reason()).isEqualTo(ReturnReason.REFUSED));
    }

    @Test
    default void anItemInTransitHasOnlyProgress() {
        assertThat(testee().track(IN_TRANSIT)).extracting(TrackingEvent::status)
                .containsExactly(MailingStatus.ACCEPTED, MailingStatus.IN_TRANSIT)
                .allSatisfy(s -> assertThat(s.isClosed()).isFalse());
    }

    @Test
    default void anUnknownNumberIsReportedAsUnknown() {
        assertThatThrownBy(() -> testee().track(UNKNOWN)).isInstanceOf(UnknownTrackingNumberException.class)
                .hasMessageContaining(UNKNOWN.value());
    }

    @Test
    default void aWebhookSignedWithTheSecretYieldsItsEvent() {
        TrackingEvent event = new TrackingEvent.Signed("E-77", NOW.minusSeconds(600), "投递部", "李四", SignerRelation.AGENT);

        PostalCarrier.WebhookDelivery delivery = testee().verify(webhook(SIGNED, event, NOW.minusSeconds(30),
                "delivery-1", SECRET));

        assertThat(delivery.trackingNumber()).isEqualTo(SIGNED);
        assertThat(delivery.event()).isEqualTo(event);
        assertThat(delivery.deliveryId()).isEqualTo("delivery-1");
        assertThat(delivery.sentAt()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    default void aWebhookWithAWrongSignatureIsRejected() {
        TrackingEvent event = new TrackingEvent.Progress("E-78", MailingStatus.IN_TRANSIT, NOW, null);

        assertThatThrownBy(() -> testee().verify(webhook(SIGNED, event, NOW, "delivery-2", "not-the-secret")))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("signature");
    }

    @Test
    default void aWebhookOutsideTheTimeWindowIsRejectedAsAReplay() {
        TrackingEvent event = new TrackingEvent.Progress("E-79", MailingStatus.IN_TRANSIT, NOW, null);

        assertThatThrownBy(() -> testee().verify(webhook(SIGNED, event, NOW.minus(Duration.ofMinutes(6)),
                "delivery-3", SECRET))).isInstanceOf(WebhookRejectedException.class).hasMessageContaining("window");
    }

    @Test
    default void aWebhookWithoutItsHeadersIsRejected() {
        assertThatThrownBy(() -> testee().verify(new PostalCarrier.WebhookCall("{}".getBytes(StandardCharsets.UTF_8),
                null, null, null))).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    default void aSignedWebhookWhoseBodyIsGarbageIsNotTakenForAnEvent() {
        byte[] body = "{\"trackingNumber\":\"XX\",\"event\":{\"code\":\"TELEPORTED\"}}".getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(NOW.getEpochSecond());
        PostalCarrier.WebhookCall call = new PostalCarrier.WebhookCall(body, timestamp, "delivery-4",
                signature().sign(timestamp, body));

        assertThatThrownBy(() -> testee().verify(call)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("garbage");
    }
}
