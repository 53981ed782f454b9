package org.serveline.server.operator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttemptSettled;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.operator.internal.OperatorRows;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskLeases;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Settled attempts, as the operators see them: a party who pressed 0 in the automated notice (TRANSFERRED) puts
 * the task in the operators' queue; a call-back time an operator agreed on outlasts the dialer's retry rule for
 * the same attempt. Both run inside the transaction that settled the attempt.
 */
@Component
class OperatorQueue {

    private final OperatorRows rows;
    private final TaskLeases leases;
    private final AuditTrail audit;
    private final Clock clock;

    OperatorQueue(OperatorRows rows, TaskLeases leases, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.leases = leases;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void queueTransfers(CallAttemptSettled settled) {
        CallAttempt attempt = settled.attempt();
        if (attempt.outcome() != CallOutcome.TRANSFERRED || attempt.operator() != null) {
            return;
        }
        rows.enqueue(attempt.taskId(), attempt.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        audit.append(new AuditRecord(new TaskId(attempt.taskId()).auditChain(), "ivr", "OPERATOR_QUEUED",
                "attempt:" + attempt.id(), null, null, Map.of("attemptId", attempt.id(), "reason",
                        "the party asked for an operator")));
    }

    /** After the dialer's rules (synchronous listeners) ran: the operator's call-back time wins. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void keepCallBack(CallAttemptSettled settled) {
        CallAttempt attempt = settled.attempt();
        if (attempt.operator() != null) {
            rows.callBackFor(attempt.id()).ifPresent(at -> leases.scheduleNextCall(new TaskId(attempt.taskId()), at,
                    attempt.operator(), "the operator's call-back time"));
        }
    }

    /** The parties waiting, oldest first, with their case and name (the first 200). */
    List<OperatorRows.Waiting> waitingParties() {
        return rows.waitingParties(200);
    }
}
