package org.serveline.server.delivery;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.serveline.server.delivery.OutboxMessage.Kind;
import org.serveline.server.delivery.internal.SmppClient;
import org.serveline.server.delivery.internal.SmsSegments;
import org.serveline.server.task.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox after commit: claims due messages for each gateway that is up (as many as it has room for, once
 * half of that room is free: fewer, larger claims), and records what the gateway said. SMS go to as many sender
 * loops as the SMPP window has places, each sending one task's messages at a time, so a place in the window never
 * waits for a thread and a thread never waits for a place; e-mails are sent each task on a virtual thread of its
 * own. A gateway that is down is not asked: its messages wait (health shows how many). A transient failure puts the
 * message back with a doubling delay; the segments of an SMS that the SMSC accepted are recorded, so a resend never
 * repeats them: at once for a message cut short, with the next batch of {@link DeliveryPipeline} for a message sent
 * whole (with its SENT state).
 */
@Component
class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(2);

    private final Outbox outbox;
    private final SmsGateway sms;
    private final MailGateway mail;
    private final DeliveryOutcomes outcomes;
    private final DeliveryPipeline pipeline;
    private final DeliveryProperties properties;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final Map<Medium, AtomicInteger> inFlight = Map.of(Medium.SMS, new AtomicInteger(),
            Medium.EMAIL, new AtomicInteger());
    private final Object monitor = new Object();
    private volatile boolean running;
    private ExecutorService senders;
    private final BlockingQueue<List<OutboxMessage>> smsQueue = new LinkedBlockingQueue<>();
    private Thread loop;

    OutboxWorker(Outbox outbox, SmsGateway sms, MailGateway mail, DeliveryOutcomes outcomes,
            DeliveryPipeline pipeline, DeliveryProperties properties) {
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.sms = sms;
        this.mail = mail;
        this.outcomes = outcomes;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        senders = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < sms.window(); i++) {
            senders.execute(this::sendSms);
        }
        loop = Thread.ofVirtual().name("outbox-worker").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (senders != null) {
            senders.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long nextSweep = 0;
        while (running) {
            boolean busy = false;
            try {
                if (System.nanoTime() >= nextSweep) {
                    sweep();
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                }
                // enough SMS claimed that the window of outstanding submits never waits for the next claim
                busy |= round(Medium.SMS, sms.ready(), sms.window() * 8);
                busy |= round(Medium.EMAIL, mail.ready(), 8);
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: the senders take no more work; what is unsent stays in the outbox
                }
                log.warn("outbox round failed (retried next tick): {}", e.toString());
            }
            if (!busy) {
                synchronized (monitor) {
                    try {
                        monitor.wait(properties.tick().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Settles messages whose receipts all arrived but crossed their segment rows in flight (see Outbox). */
    private void sweep() {
        pipeline.settle(outbox.answeredButOpen(500));
        for (Long id : outbox.sentWithoutReceipt(Instant.now().minus(properties.receiptTimeout()), 500)) {
            outcomes.expire(id);
        }
    }

    /** One claim for one medium; true when it found work (look again at once). */
    private boolean round(Medium medium, boolean ready, int room) {
        AtomicInteger flying = inFlight.get(medium);
        int busy = flying.get();
        int limit = Math.min(properties.batch(), room - busy);
        if (!ready || limit <= 0 || (busy > 0 && room - busy < room / 2) || !outbox.anyDue(medium)) {
            return false;
        }
        List<OutboxMessage> claimed = outbox.claim(medium, node, limit, properties.lease());
        // one task's messages leave in order (a flash SMS before the one the party keeps), tasks in parallel
        Map<TaskId, List<OutboxMessage>> byTask = claimed.stream()
                .collect(Collectors.groupingBy(OutboxMessage::taskId, LinkedHashMap::new, Collectors.toList()));
        for (List<OutboxMessage> messages : byTask.values()) {
            flying.addAndGet(messages.size());
            if (medium == Medium.SMS) {
                smsQueue.add(messages);
            } else {
                senders.execute(() -> sendAll(messages, flying));
            }
        }
        return !claimed.isEmpty();
    }

    /** One of the SMS sender loops: one task's messages after another, until the worker stops and none is left. */
    private void sendSms() {
        while (running || !smsQueue.isEmpty()) {
            try {
                List<OutboxMessage> messages = smsQueue.poll(properties.tick().toMillis(), TimeUnit.MILLISECONDS);
                if (messages != null) {
                    sendAll(messages, inFlight.get(Medium.SMS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendAll(List<OutboxMessage> messages, AtomicInteger flying) {
        for (OutboxMessage message : messages) {
            try {
                send(message);
            } catch (RuntimeException e) {
                log.warn("sending message {} failed: {}", message.id(), e.toString());
                outbox.retry(message, e.toString(), backoff(message), properties.maxAttempts());
            } finally {
                flying.decrementAndGet();
            }
        }
    }

    private void send(OutboxMessage message) {
        if (message.medium() == Medium.EMAIL) {
            switch (mail.send(message.address(), message.subject(), message.body())) {
                case MailGateway.Result.Accepted accepted -> outcomes.mailAccepted(message, accepted.reply());
                case MailGateway.Result.Refused refused -> outcomes.refused(message, refused.reply());
                case MailGateway.Result.Transient failure -> retry(message, failure.error());
            }
            return;
        }
        List<SmsSegments.Segment> segments = SmsSegments.split(message.body(), (int) (message.id() & 0xFF));
        Map<Integer, String> known = message.attempts() == 0 ? Map.of() : outbox.segments(message.id());
        Map<Integer, String> accepted = new java.util.TreeMap<>(known);
        Map<Integer, String> fresh = new java.util.TreeMap<>();
        for (SmsSegments.Segment segment : segments) {
            if (accepted.containsKey(segment.number())) {
                continue;
            }
            try {
                SmppClient.Accepted answer = sms.submit(message.address(), segment, message.kind() == Kind.FLASH);
                accepted.put(segment.number(), answer.messageId());
                fresh.put(segment.number(), answer.messageId());
            } catch (SmppClient.Unavailable e) {
                outbox.segmentsAccepted(message.id(), fresh); // a resend skips what the SMSC already took
                retry(message, e.getMessage());
                return;
            } catch (SmppClient.Refused e) {
                outbox.segmentsAccepted(message.id(), fresh);
                outcomes.refused(message, e.getMessage());
                return;
            }
        }
        pipeline.sent(new OutboxBulk.Sent(message, fresh, "SMSC message ids " + accepted.entrySet().stream()
                .map(e -> e.getKey() + "/" + segments.size() + ":" + e.getValue()).collect(Collectors.joining(", "))));
    }

    private void retry(OutboxMessage message, String error) {
        if (!outbox.retry(message, error, backoff(message), properties.maxAttempts())) {
            outcomes.refused(message, "gave up after " + properties.maxAttempts() + " attempts: " + error);
        }
    }

    private Duration backoff(OutboxMessage message) {
        Duration delay = properties.retryMin().multipliedBy(1L << Math.min(20, message.attempts()));
        return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
    }
}
