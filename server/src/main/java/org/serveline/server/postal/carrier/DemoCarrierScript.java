package org.serveline.server.postal.carrier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.serveline.server.postal.MailingStatus;
import org.serveline.server.postal.ReturnReason;
import org.serveline.server.postal.SignerRelation;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;

/**
 * The demo's carrier: every item is accepted, in transit and out for delivery one {@code step} apart; then the
 * items booked first, third, fifth … are signed by an adult family member, the others refused and returned.
 */
public final class DemoCarrierScript implements BiFunction<TrackingNumber, Instant, List<TrackingEvent>> {

    private final Duration step;
    private final AtomicInteger booked = new AtomicInteger();

    public DemoCarrierScript(Duration step) {
        this.step = step;
    }

    @Override
    public List<TrackingEvent> apply(TrackingNumber number, Instant at) {
        String id = number.value();
        TrackingEvent last = booked.incrementAndGet() % 2 == 1
                ? new TrackingEvent.Signed(id + "-4", at.plus(step.multipliedBy(3)), "乌海市海南区投递部", "王秀英",
                        SignerRelation.ADULT_FAMILY_MEMBER)
                : new TrackingEvent.Returned(id + "-4", at.plus(step.multipliedBy(3)), "乌海市海南区投递部",
                        ReturnReason.REFUSED);
        return List.of(
                new TrackingEvent.Progress(id + "-1", MailingStatus.ACCEPTED, at, "乌海市邮政局法院专递收寄点"),
                new TrackingEvent.Progress(id + "-2", MailingStatus.IN_TRANSIT, at.plus(step), "乌海市邮件处理中心"),
                new TrackingEvent.Progress(id + "-3", MailingStatus.OUT_FOR_DELIVERY, at.plus(step.multipliedBy(2)),
                        "乌海市海南区投递部"),
                last);
    }
}
