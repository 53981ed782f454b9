package org.serveline.server.postal.carrier;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.serveline.server.postal.PostalCarrier;
import org.serveline.server.postal.TrackingEvent;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.postal.UnknownTrackingNumberException;

/**
 * A carrier in memory, held to the same contract as the HTTP adapter: items are booked with S10 numbers, their
 * events come from a script (booked number and time → planned events) and show once the clock passes them.
 * Tests record items with {@link #record}; the demo scripts signed and returned items ({@link DemoCarrierScript}).
 */
public final class InMemoryPostalCarrier implements PostalCarrier {

    private final Clock clock;
    private final WebhookSignature signature;
    private final BiFunction<TrackingNumber, Instant, List<TrackingEvent>> script;
    private final Map<String, TrackingNumber> byReference = new ConcurrentHashMap<>();
    private final Map<TrackingNumber, List<TrackingEvent>> items = new ConcurrentHashMap<>();
    private final AtomicLong serial;

    public InMemoryPostalCarrier(Clock clock, WebhookSignature signature,
            BiFunction<TrackingNumber, Instant, List<TrackingEvent>> script) {
        this.clock = clock;
        this.signature = signature;
        this.script = script;
        this.serial = new AtomicLong(clock.millis() % 50_000_000L);
    }

    /** Records an item the carrier knows, with its events (they show once the clock passes them). */
    public void record(TrackingNumber number, List<TrackingEvent> events) {
        items.put(number, List.copyOf(events));
    }

    @Override
    public TrackingNumber book(BookingRequest request) {
        return byReference.computeIfAbsent(request.reference(), reference -> {
            TrackingNumber number = TrackingNumber.of("EA", serial.incrementAndGet(), "CN");
            items.put(number, List.copyOf(script.apply(number, clock.instant())));
            return number;
        });
    }

    @Override
    public List<TrackingEvent> track(TrackingNumber number) {
        List<TrackingEvent> events = items.get(number);
        if (events == null) {
            throw new UnknownTrackingNumberException(number);
        }
        Instant now = clock.instant();
        List<TrackingEvent> happened = new ArrayList<>();
        events.stream().filter(e -> !e.at().isAfter(now)).forEach(happened::add);
        return happened;
    }

    @Override
    public WebhookDelivery verify(WebhookCall call) {
        var sent = signature.verify(call);
        var entry = CarrierJson.webhook(call.body());
        return new WebhookDelivery(call.deliveryId(), sent, entry.getKey(), entry.getValue());
    }
}
