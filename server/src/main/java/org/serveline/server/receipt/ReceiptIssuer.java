package org.serveline.server.receipt;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.serveline.server.receipt.internal.ReceiptReadiness;
import org.serveline.server.recording.RecordingStored;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Issues a receipt once a task is SERVED: after the move commits, on one of a few workers (the mover never waits
 * for a PDF, and a burst of SERVED tasks never renders hundreds of PDFs at once). Which of a batch of tasks are ready
 * is decided first in one read without a transaction ({@link ReceiptReadiness}); only those are issued, each in its
 * own transaction. A task waiting for its consent recording is checked again when a recording of it is stored, and
 * by the sweep, which goes through every served task without a receipt (the node died, the recording was late or
 * never came and the wait ran out): every served task gets its receipt.
 */
@Component
class ReceiptIssuer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReceiptIssuer.class);
    /** Tasks checked in one read. */
    static final int CHECKED_AT_ONCE = 500;

    private final Receipts receipts;
    private final ReceiptReadiness readiness;
    private final ReceiptProperties properties;
    private final Clock clock;
    private final ExecutorService handOff;

    ReceiptIssuer(Receipts receipts, ReceiptReadiness readiness, ReceiptProperties properties, Clock clock) {
        this.receipts = receipts;
        this.readiness = readiness;
        this.properties = properties;
        this.clock = clock;
        this.handOff = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofVirtual().name("receipt-", 0).factory());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.SERVED) {
            later(List.of(change.taskId().value()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TaskStateChanges batch) {
        List<Long> served = batch.changes().stream().filter(c -> c.to() == TaskState.SERVED)
                .map(c -> c.taskId().value()).toList();
        if (!served.isEmpty()) {
            later(served);
        }
    }

    /** A recording of the task was stored: if its receipt waited for it, it is issued now. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(RecordingStored stored) {
        later(List.of(stored.taskId()));
    }

    private void later(List<Long> ids) {
        try {
            handOff.execute(() -> issueReady(ids));
        } catch (RejectedExecutionException e) {
            log.warn("shutting down: the receipts of tasks {} are left to the sweep", ids);
        }
    }

    /** Issues the receipts of those of these tasks that are ready; the others cost one shared read. */
    void issueReady(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += CHECKED_AT_ONCE) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHECKED_AT_ONCE));
            try {
                readiness.of(chunk, properties.recordingWait(), clock.instant()).stream()
                        .filter(ReceiptReadiness.Check::ready).forEach(c -> issue(new TaskId(c.taskId())));
            } catch (RuntimeException e) {
                log.error("checking the receipts of tasks {} failed; the sweep retries them", chunk, e);
            }
        }
    }

    /**
     * Every served task without a receipt, a page at a time in id order (one read per page), the ready ones issued
     * one by one (a failure is logged and retried next time).
     */
    @Scheduled(fixedDelayString = "${serveline.receipts.sweep-interval:PT1M}",
            initialDelayString = "${serveline.receipts.sweep-interval:PT1M}")
    void sweep() {
        long after = 0;
        List<ReceiptReadiness.Check> page;
        do {
            page = readiness.servedWithoutReceipt(after, CHECKED_AT_ONCE, properties.recordingWait(), clock.instant());
            page.stream().filter(ReceiptReadiness.Check::ready).forEach(c -> issue(new TaskId(c.taskId())));
            after = page.isEmpty() ? after : page.getLast().taskId();
        } while (page.size() == CHECKED_AT_ONCE);
    }

    private void issue(TaskId id) {
        try {
            receipts.issue(id);
        } catch (RuntimeException e) {
            log.error("issuing the receipt of task {} failed; the sweep retries it", id, e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        handOff.shutdown();
        if (!handOff.awaitTermination(10, TimeUnit.SECONDS)) {
            handOff.shutdownNow();
        }
    }
}
