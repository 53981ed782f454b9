package org.serveline.server.receipt;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.serveline.server.receipt.internal.ReceiptRows;
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
 * for a PDF, and a burst of SERVED tasks never renders hundreds of PDFs at once); and on a sweep, for a served task whose receipt is missing (the node died, the recording was late).
 */
@Component
class ReceiptIssuer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReceiptIssuer.class);

    private final Receipts receipts;
    private final ReceiptRows rows;
    private final ExecutorService handOff;

    ReceiptIssuer(Receipts receipts, ReceiptRows rows, ReceiptProperties properties) {
        this.receipts = receipts;
        this.rows = rows;
        this.handOff = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofVirtual().name("receipt-", 0).factory());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.SERVED) {
            later(change.taskId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TaskStateChanges batch) {
        batch.changes().stream().filter(c -> c.to() == TaskState.SERVED).forEach(c -> later(c.taskId()));
    }

    private void later(TaskId id) {
        try {
            handOff.execute(() -> issue(id));
        } catch (RejectedExecutionException e) {
            log.warn("shutting down: the receipt of task {} is left to the sweep", id);
        }
    }

    /** Served tasks without a receipt, issued one by one (a failure is logged and retried next time). */
    @Scheduled(fixedDelayString = "${serveline.receipts.sweep-interval:PT1M}",
            initialDelayString = "${serveline.receipts.sweep-interval:PT1M}")
    void sweep() {
        List<Long> missing = rows.servedWithoutReceipt(100);
        missing.forEach(id -> issue(new TaskId(id)));
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
