package org.serveline.server.database;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an outermost {@code @Transactional} method again, from the start, when the database rolled its transaction
 * back to break a conflict: an InnoDB deadlock or lock wait timeout, or — on MariaDB Galera — a certification
 * failure or a brute-force abort by a replicated write set, which Galera reports as a deadlock (error 1213,
 * SQLState 40001). Such a transaction changed nothing, so running it again is what the error message asks for.
 * A transaction joined by an outer one is not retried on its own: the outer one is, as a whole.
 * A lost connection is not retried: whether its COMMIT was applied is unknown (the reconciliation settles what it
 * left behind). See ADR 0013.
 */
final class TransactionRetry implements MethodInterceptor {

    static final int MAX_RUNS = 5;
    private static final Logger log = LoggerFactory.getLogger(TransactionRetry.class);
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || !(invocation instanceof ProxyMethodInvocation proxied)) {
            return invocation.proceed();
        }
        for (int run = 1; ; run++) {
            try {
                // a clone per run: a MethodInvocation walks its interceptor chain only once
                return proxied.invocableClone().proceed();
            } catch (Throwable failure) {
                SQLException conflict = conflict(failure);
                if (conflict == null) {
                    throw failure;
                }
                if (run >= MAX_RUNS) {
                    givenUp.incrementAndGet();
                    log.warn("transaction {} rolled back by the database {} times in a row ({} {}); giving up",
                            name(invocation), run, conflict.getErrorCode(), conflict.getMessage());
                    throw failure;
                }
                retries.incrementAndGet();
                log.warn("transaction {} rolled back by the database ({} {}); running it again ({} of {})",
                        name(invocation), conflict.getErrorCode(), conflict.getMessage(), run + 1, MAX_RUNS);
                backOff(run);
            }
        }
    }

    /** The deadlock, lock wait timeout or certification failure in {@code failure}'s causes; null if none. */
    static SQLException conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ER_LOCK_DEADLOCK
                    || sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return sql;
            }
        }
        return null;
    }

    /** Transactions run again since the start. */
    long retries() {
        return retries.get();
    }

    /** Transactions that failed {@link #MAX_RUNS} times in a row and were given up. */
    long givenUp() {
        return givenUp.get();
    }

    /** 10, 20, 40, 80 ms, each with up to as much again of jitter, so that the two sides of a conflict part. */
    private static void backOff(int run) {
        long millis = 10L << (run - 1);
        LockSupport.parkNanos((millis + ThreadLocalRandom.current().nextLong(millis + 1)) * 1_000_000L);
    }

    private static String name(MethodInvocation invocation) {
        return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
    }
}
