package org.serveline.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Lease-based claiming by two concurrent claimers on one real MariaDB. Runs on a private schema. */
@ServelineIntegrationTest
@TestPropertySource(properties = "serveline.embedded-db.schema=serveline_leases")
class TaskLeasesIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskLeases leases;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @Timeout(120)
    void twoNodesClaimingInALoopNeverGetTheSameTask() throws Exception {
        List<TaskId> approved = approvedTasks(60);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            Future<List<TaskId>> a = nodes.submit(claimAll("node-a", start));
            Future<List<TaskId>> b = nodes.submit(claimAll("node-b", start));
            start.countDown();
            List<TaskId> byA = a.get();
            List<TaskId> byB = b.get();

            Set<TaskId> overlap = new HashSet<>(byA);
            overlap.retainAll(byB);
            assertThat(overlap).isEmpty();
            Set<TaskId> all = new HashSet<>(byA);
            all.addAll(byB);
            assertThat(all).containsAll(approved);
            assertThat(byA.size() + byB.size()).isEqualTo(all.size());
        }
    }

    @Test
    @Timeout(60)
    void aClaimStillInFlightIsSkippedNotWaitedForAndNotDuplicated() throws Exception {
        approvedTasks(4);
        CountDownLatch aHoldsLocks = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            Future<List<TaskId>> a = nodes.submit(() -> transactions.execute(tx -> {
                List<TaskId> mine = leases.claim(List.of(TaskState.APPROVED), "node-a", 2, Duration.ofMinutes(5));
                aHoldsLocks.countDown();
                awaitQuietly(bDone);
                return mine;
            }));
            aHoldsLocks.await();
            List<TaskId> byB = leases.claim(List.of(TaskState.APPROVED), "node-b", 1000, Duration.ofMinutes(5));
            bDone.countDown();
            List<TaskId> byA = a.get();

            assertThat(byA).hasSize(2);
            assertThat(byB).isNotEmpty().doesNotContainAnyElementsOf(byA);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldOwnerCannotRenewIt() {
        approvedTasks(1);
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        TaskLeases leasesAt = new TaskLeases(jdbc, clock, event -> { });
        List<TaskId> first = leasesAt.claim(List.of(TaskState.APPROVED), "node-a", 1000, Duration.ofSeconds(30));
        assertThat(first).isNotEmpty();
        assertThat(leasesAt.claim(List.of(TaskState.APPROVED), "node-b", 1000, Duration.ofSeconds(30))).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        List<TaskId> takenOver = leasesAt.claim(List.of(TaskState.APPROVED), "node-b", 1000, Duration.ofSeconds(30));

        assertThat(takenOver).containsExactlyInAnyOrderElementsOf(first);
        assertThat(leasesAt.renew(first.getFirst(), "node-a", Duration.ofSeconds(30))).isFalse();
        assertThat(leasesAt.renew(first.getFirst(), "node-b", Duration.ofSeconds(30))).isTrue();
        first.forEach(id -> leasesAt.release(id, "node-b"));
    }

    private Callable<List<TaskId>> claimAll(String node, CountDownLatch start) {
        return () -> {
            start.await();
            List<TaskId> mine = Collections.synchronizedList(new ArrayList<>());
            List<TaskId> batch;
            do {
                batch = leases.claim(List.of(TaskState.APPROVED), node, 3, Duration.ofMinutes(5));
                mine.addAll(batch);
            } while (!batch.isEmpty());
            return mine;
        };
    }

    private List<TaskId> approvedTasks(int count) {
        List<TaskId> ids = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT IGNORE INTO court (id, name, time_zone, channel_chain, created_at) "
                    + "VALUES ('LEASE', 'lease court', 'UTC', 'PHONE', NOW(6))").update();
            jdbc.sql("INSERT IGNORE INTO case_file (id, court_id, case_number, created_at) "
                    + "VALUES (1, 'LEASE', '(2026)内0303民初1号', NOW(6))").update();
        });
        for (int i = 0; i < count; i++) {
            ServiceTask task = tasks.submit(new NewTask("LEASE", 1L, "(2026)内0303民初1号", null,
                    List.of(ServiceChannel.PHONE), Priority.NORMAL, null, null,
                    new Party(PartyRole.DEFENDANT, "party " + i, null, null, null, "UTC"), List.of(), List.of()),
                    "test");
            tasks.move(task.id(), TaskTrigger.APPROVE, "test", null);
            ids.add(task.id());
        }
        return ids;
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
