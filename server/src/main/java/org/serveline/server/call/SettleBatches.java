package org.serveline.server.call;

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
 */
@Service
public class SettleBatches implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettleBatches.class);

    private final CallAttempts attempts;
    private final SettleProperties properties;
    private final LinkedBlockingQueue<AttemptEvent> waiting = new LinkedBlockingQueue<>();
    private volatile Thread drainer;
    private volatile boolean running;

    SettleBatches(CallAttempts attempts, SettleProperties properties) {
        this.attempts = attempts;
        this.properties = properties;
    }

    /** Queues the event; returns at once (called on AMI and AGI threads). */
    public void offer(AttemptEvent event) {
        waiting.add(event);
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
                AttemptEvent first = waiting.poll(tickNanos, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                // the first event waits at most one tick for others to join it
                List<AttemptEvent> batch = new ArrayList<>();
                batch.add(first);
                long deadline = System.nanoTime() + tickNanos;
                while (batch.size() < properties.batch()) {
                    waiting.drainTo(batch, properties.batch() - batch.size());
                    long left = deadline - System.nanoTime();
                    AttemptEvent next = batch.size() < properties.batch() && left > 0
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
        List<AttemptEvent> batch = new ArrayList<>();
        while (waiting.drainTo(batch, properties.batch()) > 0) {
            apply(batch);
            batch = new ArrayList<>();
        }
    }

    private void apply(List<AttemptEvent> batch) {
        try {
            attempts.recordAll(batch);
        } catch (RuntimeException whole) {
            log.warn("a batch of {} call events could not be applied as a whole ({}); applying them one by one",
                    batch.size(), whole.toString());
            for (AttemptEvent event : batch) {
                try {
                    attempts.recordAll(List.of(event));
                } catch (RuntimeException e) {
                    log.error("the event {} of attempt {} could not be applied; the reconciler will settle it",
                            event.getClass().getSimpleName(), event.attemptId(), e);
                }
            }
        }
    }
}
