package org.serveline.server.call;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The hand-off between the PBX's and the notice's threads and the database: events wait here at most one tick
 * (or until a batch is waiting) and are applied by {@link CallAttempts#recordAll}, one transaction per batch. A
 * batch that fails as a whole (a deadlock, one bad event) is applied again one event per transaction, so one
 * event's failure never holds back another's; what still fails is left to the reconciler, as before batching.
 * How long each event waited from being queued until its batch committed is the timer {@value #DELAY} (a
 * percentile histogram): batching must not hold a call's outcome back by more than a tick and the batch's commit.
 */
@Service
public class SettleBatches implements SmartLifecycle {

    /** The timer of the wait from {@link #offer} to the commit of the event's batch. */
    public static final String DELAY = "serveline.settle.delay";

    private static final Logger log = LoggerFactory.getLogger(SettleBatches.class);

    private final CallAttempts attempts;
    private final SettleProperties properties;
    private final LinkedBlockingQueue<Queued> waiting = new LinkedBlockingQueue<>();
    private final Timer delay;
    private volatile Thread drainer;
    private volatile boolean running;

    /** An event and when it was queued ({@link System#nanoTime}). */
    private record Queued(AttemptEvent event, long at) {
    }

    SettleBatches(CallAttempts attempts, SettleProperties properties, MeterRegistry meters) {
        this.attempts = attempts;
        this.properties = properties;
        this.delay = Timer.builder(DELAY)
                .description("how long a call event waited between being queued and the commit of its batch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    /** Queues the event; returns at once (called on AMI and AGI threads). */
    public void offer(AttemptEvent event) {
        waiting.add(new Queued(event, System.nanoTime()));
        if (!running) {
            // not started, or stopping: nobody will drain, apply it here
            drain();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        drainer = Thread.ofPlatform().name("settle-batches").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        // not interrupted: an interrupt could fail a batch's JDBC work midway; the drainer sees this within a tick
        running = false;
        Thread thread = drainer;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the PBX links (whose events it applies) and starts before them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void run() {
        long tickNanos = properties.tick().toNanos();
        while (running) {
            try {
                Queued first = waiting.poll(tickNanos, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                // the first event waits at most one tick for others to join it
                List<Queued> batch = new ArrayList<>();
                batch.add(first);
                long deadline = System.nanoTime() + tickNanos;
                while (batch.size() < properties.batch()) {
                    waiting.drainTo(batch, properties.batch() - batch.size());
                    long left = deadline - System.nanoTime();
                    Queued next = batch.size() < properties.batch() && left > 0
                            ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                apply(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("settling a batch failed unexpectedly", e);
            }
        }
    }

    /** Applies everything waiting now, on the caller's thread. */
    void drain() {
        List<Queued> batch = new ArrayList<>();
        while (waiting.drainTo(batch, properties.batch()) > 0) {
            apply(batch);
            batch = new ArrayList<>();
        }
    }

    private void apply(List<Queued> queued) {
        List<AttemptEvent> batch = queued.stream().map(Queued::event).toList();
        try {
            attempts.recordAll(batch);
            committed(queued);
        } catch (RuntimeException whole) {
            log.warn("a batch of {} call events could not be applied as a whole ({}); applying them one by one",
                    batch.size(), whole.toString());
            for (Queued one : queued) {
                AttemptEvent event = one.event();
                try {
                    attempts.recordAll(List.of(event));
                    committed(List.of(one));
                } catch (RuntimeException e) {
                    log.error("the event {} of attempt {} could not be applied; the reconciler will settle it",
                            event.getClass().getSimpleName(), event.attemptId(), e);
                }
            }
        }
    }

    private void committed(List<Queued> queued) {
        long now = System.nanoTime();
        queued.forEach(q -> delay.record(now - q.at(), TimeUnit.NANOSECONDS));
    }
}
