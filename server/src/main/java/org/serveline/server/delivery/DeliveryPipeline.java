package org.serveline.server.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.serveline.server.delivery.internal.Batches;
import org.serveline.server.delivery.internal.ReceiptText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The SMS side of the outbox at the SMSC's pace: what the gateway reports is written in batches, each batch one
 * transaction of a few statements, instead of a transaction per message and per receipt.
 * <ul>
 * <li>Receipts: the jSMPP thread that received a deliver_sm waits until the batch holding its receipt has committed,
 * and only then answers deliver_sm_resp (stored before acknowledged; a failed batch makes the SMSC resend).</li>
 * <li>Sent messages: their segment ids and SENT state are written after the SMSC accepted every segment, as they
 * were one by one (a resend skips the segments recorded).</li>
 * <li>Settling: the messages a committed batch of receipts or of sent messages may complete are settled by one
 * settler per node, in batches; the outbox worker's sweep catches whatever a crash or a race left open.</li>
 * </ul>
 */
@Component
class DeliveryPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);
    private static final int RECEIPTS_PER_BATCH = 500;
    private static final int SENT_PER_BATCH = 200;
    /**
     * Settling (DELIVERED, then SERVED) yields to sending: its batches are larger and wait longer, so on a busy node
     * the CPU goes to the submit window first and SERVED follows within a quarter of a second (fewer statements and
     * less CPU per message in bench/outbox, BENCHMARKS.md).
     */
    private static final int SETTLED_PER_BATCH = 1000;
    private static final Duration SETTLE_LINGER = Duration.ofMillis(250);
    /** How long a batch waits after its first item for more: a few ms of latency for far fewer transactions. */
    private static final Duration LINGER = Duration.ofMillis(10);

    private final Batches<Long> settler;
    private final Batches<ReceiptText> receipts;
    private final Batches<OutboxBulk.Sent> sent;
    private final DeliveryProperties properties;

    DeliveryPipeline(OutboxBulk bulk, DeliveryOutcomes outcomes, DeliveryProperties properties) {
        this.properties = properties;
        this.settler = new Batches<>("outbox-settler", SETTLED_PER_BATCH, SETTLE_LINGER, outcomes::settleAll);
        this.receipts = new Batches<>("outbox-receipts", RECEIPTS_PER_BATCH, LINGER, batch -> settle(bulk.receipts(batch)));
        this.sent = new Batches<>("outbox-sent", SENT_PER_BATCH, LINGER, batch -> {
            bulk.sent(batch);
            settle(batch.stream().map(s -> s.message().id()).toList());
        });
    }

    /**
     * Stores a receipt with its batch and returns once that committed; throws if it could not be stored (the caller
     * then refuses the deliver_sm, and the SMSC sends it again).
     */
    void receipt(ReceiptText receipt) {
        try {
            receipts.add(receipt).get(properties.sms().responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("receipt " + receipt.messageId() + " not stored: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("receipt " + receipt.messageId() + " not stored in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing receipt " + receipt.messageId(), e);
        }
    }

    /** Records an SMS the SMSC accepted in full, with the next batch. */
    void sent(OutboxBulk.Sent message) {
        sent.add(message).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.error("recording message {} as SENT failed (its lease keeps it from other nodes until {}): {}",
                        message.message().id(), properties.lease(), failure.toString());
            }
        });
    }

    /** Messages that may now be complete, for the settler. */
    void settle(Collection<Long> ids) {
        ids.forEach(settler::add);
    }

    /** Work queued and not yet written (health). */
    int waiting() {
        return receipts.waiting() + sent.waiting() + settler.waiting();
    }

    @Override
    public void destroy() {
        for (Batches<?> batches : List.of(receipts, sent, settler)) {
            batches.close();
        }
    }
}
