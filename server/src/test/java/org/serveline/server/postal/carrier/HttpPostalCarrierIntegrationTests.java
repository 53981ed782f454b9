package org.serveline.server.postal.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.postal.CarrierUnavailableException;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.TrackingNumber;

/**
 * The HTTP adapter against a real HTTP server on 127.0.0.1 playing back recorded carrier answers: the carrier
 * contract, and what only a network can do wrong (time-out, garbage, server error, a wrong API key).
 */
class HttpPostalCarrierIntegrationTests implements PostalCarrierContract {

    static RecordedCarrierServer server;

    @BeforeAll
    static void start() {
        server = new RecordedCarrierServer();
        FIXTURES.forEach(server::serve);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    public PostalCarrier testee() {
        return new HttpPostalCarrier(server.baseUrl(), RecordedCarrierServer.API_KEY, Duration.ofSeconds(2),
                PostalCarrierContract.signature());
    }

    @Test
    @Timeout(10)
    void aCarrierThatDoesNotAnswerInTimeIsUnavailable() {
        TrackingNumber number = TrackingNumber.of("EA", 11_000_101, "CN");
        server.serve(number, "in-transit.json").hang(number);
        PostalCarrier carrier = new HttpPostalCarrier(server.baseUrl(), RecordedCarrierServer.API_KEY,
                Duration.ofMillis(300), PostalCarrierContract.signature());

        assertThatThrownBy(() -> carrier.track(number)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void garbageFromTheCarrierIsNotTakenForTracking() {
        TrackingNumber number = TrackingNumber.of("EA", 11_000_102, "CN");
        server.serve(number, "in-transit.json").garbage(number);

        assertThatThrownBy(() -> testee().track(number)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("garbage");
    }

    @Test
    void aServerErrorIsUnavailableNotUnknown() {
        TrackingNumber number = TrackingNumber.of("EA", 11_000_103, "CN");
        server.serve(number, "in-transit.json").error(number);

        assertThatThrownBy(() -> testee().track(number)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void eventsOfAnotherItemThanTheOneAskedAreGarbage() {
        TrackingNumber asked = TrackingNumber.of("EA", 11_000_104, "CN");
        TrackingNumber other = TrackingNumber.of("EA", 11_000_105, "CN");
        server.serveBody(asked, RecordedCarrierServer.recording("in-transit.json", other));

        assertThatThrownBy(() -> testee().track(asked)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("when " + asked + " was asked");
    }

    @Test
    void aWrongApiKeyIsAnUnavailableCarrierNotAnAnswer() {
        PostalCarrier carrier = new HttpPostalCarrier(server.baseUrl(), "wrong-key", Duration.ofSeconds(2),
                PostalCarrierContract.signature());

        assertThatThrownBy(() -> carrier.track(SIGNED)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void theBookingCarriesTheReferenceAsIdempotencyKey() {
        TrackingNumber booked = testee().book(new PostalCarrier.BookingRequest("mailing-idem-9", "张三", "某地", "法院", 1));

        assertThat(server.booked("mailing-idem-9")).isEqualTo(booked);
    }
}
