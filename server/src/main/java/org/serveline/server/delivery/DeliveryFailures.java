package org.serveline.server.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts electronic messages that failed ({@code serveline.delivery.failures}, by medium and kind), once their
 * failure is committed: a transaction the database rolls back and runs again does not count twice.
 */
@Component
class DeliveryFailures {

    static final String METER = "serveline.delivery.failures";

    private final MeterRegistry meters;

    DeliveryFailures(MeterRegistry meters) {
        this.meters = meters;
        // every series from zero, so that rate() and alerts see the first failure
        for (Medium medium : Medium.values()) {
            for (OutboxMessage.Kind kind : OutboxMessage.Kind.values()) {
                counter(medium, kind);
            }
        }
    }

    private Counter counter(Medium medium, OutboxMessage.Kind kind) {
        return meters.counter(METER, "medium", medium.name(), "kind", kind.name());
    }

    void failed(OutboxMessage message) {
        Runnable count = () -> counter(message.medium(), message.kind()).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
