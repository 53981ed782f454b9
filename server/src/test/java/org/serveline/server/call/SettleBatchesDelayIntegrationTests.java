package org.serveline.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Batching the settle path must not hold a call's outcome back by more than a tick: a burst of reports, more than
 * one batch holds, is settled with every report committed within one tick plus {@link #MARGIN} of being queued, as
 * the {@value SettleBatches#DELAY} timer records it. Against MariaDB; no PBX (the events are the PBX's, given
 * directly). A context of its own, so that the timer holds this burst alone.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_settle_delay",
    "serveline.settle.tick=PT0.1S",
    "serveline.settle.batch=50",
})
class SettleBatchesDelayIntegrationTests {

    private static final Duration TICK = Duration.ofMillis(100);
    /**
     * What the batches of a burst may add to the tick: the commits of the three batches (50, 50 and 29 events with
     * their audit rows), each ≈ 50–300 ms on the shared 2-core machine, with room for its neighbours' load.
     */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    CallAttempts attempts;

    @Autowired
    SettleBatches batches;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBurstOfReportsIsCommittedWithinATickOfBeingQueued() {
        TaskFixtures fixtures = new TaskFixtures(port);
        List<CallAttempt> calls = new ArrayList<>();
        for (int i = 0; i < 43; i++) {
            calls.add(dialled(fixtures, "+86 138 0001 " + (7600 + i)));
        }
        Timer delay = meters.get(SettleBatches.DELAY).timer();
        long before = delay.count();
        Instant answered = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        for (CallAttempt call : calls) { // 129 reports at once: two full batches of 50 and one of 29
            batches.offer(new CallAnswered(call.id(), answered, null));
            batches.offer(new NoticeHeard(call.id(), CallOutcome.CONSENTED, "1", Duration.ofMillis(9_500), null,
                    Duration.ofMillis(9_600), Duration.ofMillis(5_000), List.of("greeting@0.000s+4.000s!1"), "v1@abc",
                    null, null));
            batches.offer(new CallEnded(call.id(), null, answered, answered.plusSeconds(20), "hung up"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(calls).allSatisfy(c ->
                assertThat(attempts.find(c.id()).orElseThrow().outcome()).isEqualTo(CallOutcome.CONSENTED)));
        await().atMost(Duration.ofSeconds(5)).until(() -> delay.count() - before == 3L * calls.size());
        assertThat(delay.max(TimeUnit.MILLISECONDS)).as("the longest wait from queue to commit, ms")
                .isPositive().isLessThanOrEqualTo((double) TICK.plus(MARGIN).toMillis());
    }

    private CallAttempt dialled(TaskFixtures fixtures, String phone) {
        return new DialledAttempts(fixtures, tasks, attempts).dialled("时限", phone);
    }
}
