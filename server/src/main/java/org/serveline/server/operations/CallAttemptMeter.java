package org.serveline.server.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.serveline.server.call.CallAttemptSettled;
import org.serveline.server.call.CallOutcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts call attempts as they settle ({@code serveline.call.attempts}, by outcome), once committed:
 * {@code rate(serveline_call_attempts_total[1m])} is the attempts per second of this node.
 */
@Component
class CallAttemptMeter {

    static final String METER = "serveline.call.attempts";

    private final MeterRegistry meters;

    CallAttemptMeter(MeterRegistry meters) {
        this.meters = meters;
        for (CallOutcome outcome : CallOutcome.values()) {
            meters.counter(METER, "outcome", outcome.name()); // every series from zero
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CallAttemptSettled settled) {
        String outcome = settled.attempt().outcome() == null ? "UNKNOWN" : settled.attempt().outcome().name();
        meters.counter(METER, "outcome", outcome).increment();
    }
}
