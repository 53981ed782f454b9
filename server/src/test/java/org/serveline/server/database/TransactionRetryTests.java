package org.serveline.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class TransactionRetryTests {

    @Test
    void aDeadlockOrCertificationFailureUnderSpringsTranslationIsAConflict() {
        SQLException galera = new SQLTransactionRollbackException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);

        assertThat(conflictIn(new CannotAcquireLockException("update", galera))).isSameAs(galera);
    }

    @Test
    void aSerializationFailureStateOrALockWaitTimeoutIsAConflict() {
        assertThat(conflictIn(new SQLException("serialization failure", "40001", 0))).isNotNull();
        assertThat(conflictIn(new RuntimeException(new SQLException(
                "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)))).isNotNull();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(conflictIn(new DataIntegrityViolationException("insert",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isNull();
        assertThat(conflictIn(new SQLException("Connection reset", "08000", 0))).isNull();
        assertThat(conflictIn(new IllegalStateException("no SQL here"))).isNull();
    }

    /** As an Object: an SQLException is also an Iterable, which AssertJ's assertThat cannot choose between. */
    private static Object conflictIn(Throwable failure) {
        return TransactionRetry.conflict(failure);
    }
}
