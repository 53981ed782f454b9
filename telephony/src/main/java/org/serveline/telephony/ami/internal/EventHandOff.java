package org.serveline.telephony.ami.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.asteriskjava.manager.event.ManagerEvent;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.EventLagListener;
import org.serveline.telephony.ami.LinkMetrics;
import org.serveline.telephony.ami.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue between asterisk-java's reader thread (which only {@link #offer}s) and our event thread (which
 * converts and delivers). Unbounded so that nothing is lost; its depth and the time each event waited are measured.
 */
final class EventHandOff {

    private static final Logger log = LoggerFactory.getLogger(EventHandOff.class);
    private static final int DEPTH_WARNING = 10_000;

    /** An asterisk-java event to convert, or (for the link's own state) an event already converted. */
    private record Queued(ManagerEvent event, AmiEvent ready, Instant receivedAt, long enqueuedNanos) {
    }

    private static final Queued STOP = new Queued(null, null, Instant.EPOCH, 0);

    private final String pbxId;
    private final Clock clock;
    private final EventConverter converter = new EventConverter();
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final List<Consumer<? super AmiEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final EventLagListener lag;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger maxDepth = new AtomicInteger();
    private final AtomicLong totalWaitNanos = new AtomicLong();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private final AtomicLong subscriberFailures = new AtomicLong();
    private final AtomicLong malformedLines = new AtomicLong();
    private volatile long lastWaitNanos;
    private volatile Instant lastEventAt;

    EventHandOff(String pbxId, Clock clock) {
        this(pbxId, clock, EventLagListener.NONE);
    }

    EventHandOff(String pbxId, Clock clock, EventLagListener lag) {
        this.pbxId = pbxId;
        this.clock = clock;
        this.lag = lag;
        this.thread = Thread.ofPlatform().daemon(true).name("serveline-ami-" + pbxId + "-events")
                .unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Called on the AMI reader thread: stamp and enqueue, nothing else. */
    void offer(ManagerEvent event) {
        Instant now = clock.instant();
        lastEventAt = now;
        received.incrementAndGet();
        queue.add(new Queued(event, null, now, System.nanoTime()));
        int depth = queue.size();
        if (depth > maxDepth.get()) {
            maxDepth.accumulateAndGet(depth, Math::max);
        }
        if (depth == DEPTH_WARNING) {
            log.warn("PBX {}: {} AMI events waiting; a subscriber is too slow", pbxId, depth);
        }
    }

    /**
     * Queues the link's own news ({@link AmiEvent.LinkLost}, {@link AmiEvent.LinkUp}) in line with the PBX's events,
     * so that subscribers see it in order with them.
     */
    void offerLinkState(AmiEvent event) {
        queue.add(new Queued(null, event, event.receivedAt(), System.nanoTime()));
    }

    /** Called on the AMI reader thread for a line that is not AMI; asterisk-java skips it. */
    void malformedLine(String line) {
        long count = malformedLines.incrementAndGet();
        if (count <= 20 || count % 1000 == 0) {
            log.warn("PBX {}: ignored a line that is not AMI (#{}, {} chars): '{}'", pbxId, count, line.length(),
                    preview(line));
        }
    }

    private static String preview(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length() && out.length() < 80; i++) {
            char c = line.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    Subscription subscribe(Consumer<? super AmiEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    Optional<Instant> lastEventAt() {
        return Optional.ofNullable(lastEventAt);
    }

    LinkMetrics metrics() {
        long count = delivered.get();
        Duration average = count == 0 ? Duration.ZERO : Duration.ofNanos(totalWaitNanos.get() / count);
        return new LinkMetrics(received.get(), count, queue.size(), maxDepth.get(), Duration.ofNanos(lastWaitNanos),
                Duration.ofNanos(maxWaitNanos.get()), average, subscriberFailures.get(), malformedLines.get());
    }

    /** Delivers what is already queued, then ends the event thread. */
    void stop() throws InterruptedException {
        if (thread.isAlive()) {
            queue.add(STOP);
            thread.join();
        }
    }

    private void run() {
        try {
            while (true) {
                Queued next = queue.take();
                if (next == STOP) {
                    return;
                }
                handle(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Queued queued) {
        long wait = System.nanoTime() - queued.enqueuedNanos();
        lastWaitNanos = wait;
        totalWaitNanos.addAndGet(wait);
        maxWaitNanos.accumulateAndGet(wait, Math::max);
        tellLag(wait);
        if (queued.ready() != null) {
            deliver(queued.ready());
            return;
        }
        Optional<AmiEvent> event;
        try {
            event = converter.convert(queued.event(), queued.receivedAt());
        } catch (RuntimeException e) {
            log.warn("PBX {}: cannot convert AMI event {}, skipped: {}", pbxId, queued.event().getClass().getSimpleName(),
                    e.toString());
            delivered.incrementAndGet();
            return;
        }
        delivered.incrementAndGet();
        event.ifPresent(this::deliver);
    }

    private void tellLag(long waitNanos) {
        try {
            lag.eventHandled(pbxId, Duration.ofNanos(waitNanos));
        } catch (RuntimeException e) {
            log.warn("PBX {}: the event lag listener failed: {}", pbxId, e.toString());
        }
    }

    private void deliver(AmiEvent event) {
        for (Consumer<? super AmiEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                subscriberFailures.incrementAndGet();
                log.error("PBX {}: subscriber failed on {} event; it keeps receiving later events", pbxId,
                        event.name(), e);
            }
        }
    }
}
