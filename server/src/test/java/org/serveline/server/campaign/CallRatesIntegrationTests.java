package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calls-per-second budget of a trunk or a campaign, shared through MariaDB: nodes reserving at the same moment get no more
 * than the bucket holds, it refills at the trunk's rate by the database's clock, and what one node reserves and does
 * not dial goes back, so that two nodes together use the whole rate.
 */
@ServelineIntegrationTest
class CallRatesIntegrationTests {

    @Autowired
    CallRates rates;

    @Test
    void nodesReservingAtOnceShareOneBucket() throws Exception {
        String trunk = "pbx-" + System.nanoTime() + "/carrier";
        double cps = 10;
        long start = System.nanoTime();
        List<Integer> granted = new ArrayList<>();
        try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
            List<Callable<Integer>> reservations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reservations.add(() -> rates.reserve(trunk, cps, 5));
            }
            for (Future<Integer> each : nodes.invokeAll(reservations)) {
                granted.add(each.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int total = granted.stream().mapToInt(Integer::intValue).sum();
        assertThat(total).as("granted %s in %.3f s", granted, seconds)
                .isBetween(10, 10 + (int) Math.ceil(seconds * cps));
        assertThat(granted).allSatisfy(g -> assertThat(g).isBetween(0, 5));
    }

    @Test
    void anEmptyBucketRefillsAtTheTrunksRate() {
        String trunk = "pbx-" + System.nanoTime() + "/slow";
        assertThat(rates.reserve(trunk, 2, 10)).as("one second's burst").isEqualTo(2);
        assertThat(rates.reserve(trunk, 2, 10)).isBetween(0, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> rates.reserve(trunk, 2, 1) == 1);
        assertThat(rates.reserve(trunk, 2, 0)).isZero();
    }

    /**
     * Two dialers on one bucket, each reserving every 50 ms: one has work for a call on one tick in four but
     * reserves as much as it may (the Dialer reserves before it claims), the other has work for all it gets. The one
     * with little work gives back what it did not use, so the other dials it: together they use the whole rate. Had
     * the first dropped what it did not use (as the Dialer once did), it would hold ≈ 3/4 of the tokens away.
     */
    @Test
    void whatOneDialerDoesNotUseTheOtherDials() throws Exception {
        String key = "trunk:pbx-" + System.nanoTime() + "/shared";
        double cps = 100;
        AtomicInteger used = new AtomicInteger();
        AtomicInteger heldBack = new AtomicInteger();
        AtomicInteger ticksOfTheIdleOne = new AtomicInteger();
        Runnable idle = () -> {
            int granted = rates.reserve(key, cps, 50);
            int dialled = ticksOfTheIdleOne.getAndIncrement() % 4 == 0 ? Math.min(1, granted) : 0;
            used.addAndGet(dialled);
            heldBack.addAndGet(granted - dialled);
            rates.release(key, granted - dialled);
        };
        Runnable busy = () -> used.addAndGet(rates.reserve(key, cps, 50));
        rates.reserve(key, cps, 1000); // the first second's burst spent: only the refill is measured
        used.set(0);
        long start = System.nanoTime();
        ScheduledExecutorService dialers = Executors.newScheduledThreadPool(2);
        try {
            dialers.scheduleWithFixedDelay(idle, 0, 50, TimeUnit.MILLISECONDS);
            dialers.scheduleWithFixedDelay(busy, 25, 50, TimeUnit.MILLISECONDS);
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
                    .until(() -> System.nanoTime() - start >= 4_000_000_000L);
        } finally {
            dialers.shutdownNow();
            assertThat(dialers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(heldBack.get()).as("the idle dialer reserved more than it dialled").isGreaterThan((int) cps);
        // one second of burst may be in hand at the end, and a tick of the busy dialer may straddle the stop
        assertThat(used.get()).as("calls dialled from a %s/s bucket in %.2f s", cps, seconds)
                .isGreaterThanOrEqualTo((int) (0.9 * cps * seconds))
                .isLessThanOrEqualTo((int) Math.ceil(cps * seconds + cps));
    }
}
