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
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calls-per-second budget of a trunk or a campaign, shared through MariaDB: nodes reserving at the same moment get no more
 * than the bucket holds, and it refills at the trunk's rate by the database's clock.
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
}
