package org.serveline.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.task.TaskLeases;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * A real InnoDB deadlock (the error Galera also reports for a certification failure): the transaction the database
 * picks as the victim is run again from the start and both commit, each exactly once; other failures are not
 * retried. The server's own transactional beans carry the retry outside their transaction.
 */
@ServelineIntegrationTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransactionRetryIntegrationTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TransactionRetry retry;
    @Autowired
    TaskLeases leases;

    private final String table = "retry_probe_" + System.nanoTime();

    /** Two rows a transaction updates in a given order, waiting in between until the other has its first row. */
    static class Probe {
        private final JdbcClient jdbc;
        private final String table;
        final AtomicInteger runs = new AtomicInteger();

        Probe(JdbcClient jdbc, String table) {
            this.jdbc = jdbc;
            this.table = table;
        }

        @Transactional
        public void bumpBoth(long first, long second, CountDownLatch mine, CountDownLatch theirs) throws Exception {
            runs.incrementAndGet();
            jdbc.sql("UPDATE " + table + " SET v = v + 1 WHERE id = :id").param("id", first).update();
            mine.countDown();
            theirs.await(20, TimeUnit.SECONDS);
            jdbc.sql("UPDATE " + table + " SET v = v + 1 WHERE id = :id").param("id", second).update();
        }

        @Transactional
        public void insertTwice(long id) {
            runs.incrementAndGet();
            jdbc.sql("INSERT INTO " + table + " (id, v) VALUES (:id, 0)").param("id", id).update();
            jdbc.sql("INSERT INTO " + table + " (id, v) VALUES (:id, 0)").param("id", id).update();
        }
    }

    @BeforeEach
    void table() {
        jdbc.sql("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB").update();
        jdbc.sql("INSERT INTO " + table + " (id, v) VALUES (1, 0), (2, 0)").update();
    }

    @AfterEach
    void drop() {
        jdbc.sql("DROP TABLE IF EXISTS " + table).update();
    }

    private Probe proxied(Probe probe) {
        ProxyFactory factory = new ProxyFactory(probe);
        factory.setProxyTargetClass(true);
        factory.addAdvice(retry);
        factory.addAdvice(new TransactionInterceptor(transactions, new AnnotationTransactionAttributeSource()));
        return (Probe) factory.getProxy();
    }

    @Test
    void theVictimOfADeadlockRunsAgainAndBothTransactionsCommitOnce() {
        Probe target = new Probe(jdbc, table);
        Probe probe = proxied(target);
        CountDownLatch a = new CountDownLatch(1);
        CountDownLatch b = new CountDownLatch(1);
        long retriesBefore = retry.retries();

        // a thread each (the common pool may have a single thread on two cores)
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> run(() -> probe.bumpBoth(1, 2, a, b)), threads);
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> run(() -> probe.bumpBoth(2, 1, b, a)), threads);
            CompletableFuture.allOf(one, two).join();
        }

        assertThat(target.runs).as("two transactions, one of them run twice").hasValue(3);
        assertThat(retry.retries() - retriesBefore).isEqualTo(1);
        assertThat(jdbc.sql("SELECT v FROM " + table + " ORDER BY id").query(Integer.class).list())
                .as("each row bumped once by each transaction").isEqualTo(List.of(2, 2));
    }

    @Test
    void aFailureThatIsNoConflictIsThrownAtOnce() {
        Probe target = new Probe(jdbc, table);
        Probe probe = proxied(target);

        assertThatThrownBy(() -> probe.insertTwice(3)).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(target.runs).hasValue(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = 3").query(Integer.class).single())
                .as("rolled back").isZero();
    }

    @Test
    void theServersTransactionalBeansAreRetriedOutsideTheirTransaction() {
        List<Advisor> advisors = List.of(((Advised) leases).getAdvisors());
        int retryAt = indexOf(advisors, a -> a.getAdvice() == retry);
        int transactionAt = indexOf(advisors, a -> a instanceof BeanFactoryTransactionAttributeSourceAdvisor);

        assertThat(retryAt).as("retry advisor on TaskLeases").isNotNegative();
        assertThat(transactionAt).as("transaction advisor on TaskLeases").isNotNegative();
        assertThat(retryAt).as("the retry wraps the transaction").isLessThan(transactionAt);
    }

    private static int indexOf(List<Advisor> advisors, java.util.function.Predicate<Advisor> which) {
        for (int i = 0; i < advisors.size(); i++) {
            if (which.test(advisors.get(i))) {
                return i;
            }
        }
        return -1;
    }

    interface Work {
        void run() throws Exception;
    }

    private static void run(Work work) {
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
