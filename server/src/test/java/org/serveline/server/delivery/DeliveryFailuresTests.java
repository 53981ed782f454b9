package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.TaskId;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The delivery-failure counter: every series from zero, a failure counted once its transaction commits. */
class DeliveryFailuresTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeliveryFailures failures = new DeliveryFailures(meters);

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void everyMediumAndKindStartsAtZero() {
        for (Medium medium : Medium.values()) {
            for (OutboxMessage.Kind kind : OutboxMessage.Kind.values()) {
                assertThat(count(medium, kind)).isZero();
            }
        }
    }

    @Test
    void aFailureOutsideATransactionCountsAtOnce() {
        failures.failed(message(Medium.SMS));

        assertThat(count(Medium.SMS, OutboxMessage.Kind.NOTICE)).isEqualTo(1);
        assertThat(count(Medium.EMAIL, OutboxMessage.Kind.NOTICE)).isZero();
    }

    @Test
    void aFailureInsideATransactionCountsOnlyWhenItCommits() {
        TransactionSynchronizationManager.initSynchronization();
        failures.failed(message(Medium.EMAIL));
        assertThat(count(Medium.EMAIL, OutboxMessage.Kind.NOTICE)).as("before commit").isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(count(Medium.EMAIL, OutboxMessage.Kind.NOTICE)).isEqualTo(1);
    }

    @Test
    void aRolledBackFailureIsNotCounted() {
        TransactionSynchronizationManager.initSynchronization();
        failures.failed(message(Medium.SMS));

        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(count(Medium.SMS, OutboxMessage.Kind.NOTICE)).isZero();
    }

    private double count(Medium medium, OutboxMessage.Kind kind) {
        return meters.get(DeliveryFailures.METER).tag("medium", medium.name()).tag("kind", kind.name()).counter()
                .count();
    }

    private static OutboxMessage message(Medium medium) {
        return new OutboxMessage(7, new TaskId(42), medium, OutboxMessage.Kind.NOTICE,
                medium == Medium.SMS ? "+8613800001001" : "party@example.cn", "主题", "正文", 0);
    }
}
