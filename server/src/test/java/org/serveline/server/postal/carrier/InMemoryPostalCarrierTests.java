package org.serveline.server.postal.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.MailingStatus;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;

/** The in-memory carrier (tests, demo) held to the carrier contract, with the same recordings as the HTTP one. */
class InMemoryPostalCarrierTests implements PostalCarrierContract {

    @Override
    public PostalCarrier testee() {
        InMemoryPostalCarrier carrier = new InMemoryPostalCarrier(Clock.fixed(NOW, ZoneOffset.UTC),
                PostalCarrierContract.signature(), (number, at) -> List.of(
                        new TrackingEvent.Progress(number.value() + "-01", MailingStatus.ACCEPTED, at, "收寄点")));
        FIXTURES.forEach((number, recording) -> carrier.record(number,
                CarrierJson.events(RecordedCarrierServer.recording(recording, number), number)));
        return carrier;
    }

    @Test
    void theDemoScriptSignsOddBookingsAndReturnsEvenOnesOneStepAfterTheOther() {
        MutableTestClock clock = new MutableTestClock(NOW);
        InMemoryPostalCarrier carrier = new InMemoryPostalCarrier(clock, PostalCarrierContract.signature(),
                new DemoCarrierScript(Duration.ofSeconds(20)));
        TrackingNumber first = carrier.book(new PostalCarrier.BookingRequest("a", "甲", "某地", "法院", 1));
        TrackingNumber second = carrier.book(new PostalCarrier.BookingRequest("b", "乙", "某地", "法院", 1));

        assertThat(carrier.track(first)).extracting(TrackingEvent::status).containsExactly(MailingStatus.ACCEPTED);
        clock.advance(Duration.ofSeconds(40));
        assertThat(carrier.track(first)).extracting(TrackingEvent::status).containsExactly(MailingStatus.ACCEPTED,
                MailingStatus.IN_TRANSIT, MailingStatus.OUT_FOR_DELIVERY);
        clock.advance(Duration.ofSeconds(20));
        assertThat(carrier.track(first).getLast().status()).isEqualTo(MailingStatus.SIGNED);
        assertThat(carrier.track(second).getLast().status()).isEqualTo(MailingStatus.RETURNED);
    }

    /** A clock the test moves. */
    static final class MutableTestClock extends Clock {
        private java.time.Instant now;

        MutableTestClock(java.time.Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
