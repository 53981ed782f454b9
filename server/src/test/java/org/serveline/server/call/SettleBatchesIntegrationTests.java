package org.serveline.server.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The PBX's and the notice's reports applied in batches, against MariaDB: one transaction settles many calls
 * (their audit events written together), each attempt settles once whatever arrives after, events of unknown
 * attempts change nothing, and a batch that cannot be applied as a whole is applied event by event so one bad
 * task does not hold back the others. Private schema; no PBX (the events are the PBX's, given directly).
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_settle_batches",
    // long enough that the events offered below always meet in one batch
    "serveline.settle.tick=PT2S",
})
class SettleBatchesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CallAttempts attempts;

    @Autowired
    SettleBatches batches;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oneBatchSettlesManyCallsOnceEach() {
        TaskFixtures fixtures = new TaskFixtures(port);
        CallAttempt consenting = dialled(fixtures, "+86 138 0000 7101");
        CallAttempt busy = dialled(fixtures, "+86 138 0000 7102");
        CallAttempt stillTalking = dialled(fixtures, "+86 138 0000 7103");
        Instant answered = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        attempts.recordAll(List.of(
                new CallAnswered(consenting.id(), answered, null),
                new CallAnswered(stillTalking.id(), answered, null),
                heard(consenting.id(), CallOutcome.CONSENTED, "1"),
                new CallEnded(busy.id(), CallOutcome.BUSY, null, answered.plusSeconds(3), "busy"),
                new CallEnded(consenting.id(), null, answered, answered.plusSeconds(20), "hung up"),
                // after it settled: changes nothing
                new CallEnded(consenting.id(), CallOutcome.PBX_FAILURE, answered, answered.plusSeconds(21), "late"),
                new CallEnded("no-such-attempt", CallOutcome.BUSY, null, answered, "unknown")));

        CallAttempt settled = attempts.find(consenting.id()).orElseThrow();
        assertThat(settled.state()).isEqualTo(AttemptState.ENDED);
        assertThat(settled.outcome()).isEqualTo(CallOutcome.CONSENTED);
        assertThat(settled.settledBy()).isEqualTo("call");
        assertThat(settled.answeredAt()).isEqualTo(answered);
        assertThat(settled.endedAt()).isEqualTo(answered.plusSeconds(20));
        assertThat(settled.consentDigit()).isEqualTo("1");
        assertThat(settled.notice().played()).containsExactly("greeting@0.000s+4.000s!1");
        assertThat(jdbc.sql("SELECT network_outcome FROM call_attempt WHERE id = :id").param("id", consenting.id())
                .query(String.class).single()).isEqualTo("ANSWERED");
        assertThat(attempts.find(busy.id()).orElseThrow()).satisfies(a -> {
            assertThat(a.state()).isEqualTo(AttemptState.ENDED);
            assertThat(a.outcome()).isEqualTo(CallOutcome.BUSY);
            assertThat(a.outcomeEvidence()).isEqualTo("busy");
        });
        assertThat(attempts.find(stillTalking.id()).orElseThrow()).satisfies(a -> {
            assertThat(a.state()).as("answered, no result yet").isEqualTo(AttemptState.ANSWERED);
            assertThat(a.answeredAt()).isEqualTo(answered);
            assertThat(a.outcome()).isNull();
        });
        assertThat(state(fixtures, consenting.taskId())).isEqualTo("ELECTRONIC");
        assertThat(state(fixtures, busy.taskId())).as("retried later").isEqualTo("PHONE");

        List<AuditEvent> consentChain = audit.chain("task:" + consenting.taskId());
        assertThat(consentChain).extracting(AuditEvent::action).containsSubsequence("CALL_DIALING",
                "NOTICE_CONSENTED", "CALL_CONSENTED", "TASK_CONSENT_CAPTURED");
        assertThat(consentChain).extracting(AuditEvent::action).filteredOn(a -> a.startsWith("CALL_"))
                .as("settled once").containsExactly("CALL_DIALING", "CALL_CONSENTED");
        AuditEvent consentSettled = only(consentChain, "CALL_CONSENTED");
        AuditEvent busySettled = only(audit.chain("task:" + busy.taskId()), "CALL_BUSY");
        assertThat(busySettled.occurredAt()).as("both calls' events appended together")
                .isEqualTo(consentSettled.occurredAt());
        assertThat(fixtures.supervisor.get("/api/v1/audit/verify").body().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theConsentsOfABatchAreSavedAndAuditedTogetherEachWithItsLinkAndMessage() {
        TaskFixtures fixtures = new TaskFixtures(port);
        List<CallAttempt> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(dialled(fixtures, "+86 138 0000 74" + (10 + i)));
        }
        Instant answered = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AttemptEvent> batch = new ArrayList<>();
        for (CallAttempt call : calls) {
            batch.add(new CallAnswered(call.id(), answered, null));
            batch.add(heard(call.id(), CallOutcome.CONSENTED, "1"));
            batch.add(new CallEnded(call.id(), null, answered, answered.plusSeconds(20), "hung up"));
        }

        attempts.recordAll(batch);

        for (CallAttempt call : calls) {
            assertThat(state(fixtures, call.taskId())).isEqualTo("ELECTRONIC");
            assertThat(jdbc.sql("SELECT electronic_address FROM service_task WHERE id = :id")
                    .param("id", call.taskId()).query(String.class).single()).isEqualTo(call.number());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE task_id = :id AND address = :a "
                    + "AND kind = 'NOTICE'")
                    .param("id", call.taskId()).param("a", call.number()).query(Long.class).single())
                    .as("the message to the consenting number, written with the consent").isEqualTo(1);
            assertThat(audit.chain("task:" + call.taskId())).extracting(AuditEvent::action).containsSubsequence(
                    "CALL_CONSENTED", "TASK_CONSENT_CAPTURED", "PORTAL_LINK_ISSUED", "DELIVERY_QUEUED");
        }
        assertThat(calls.stream().map(c -> only(audit.chain("task:" + c.taskId()), "TASK_CONSENT_CAPTURED")
                .occurredAt()).distinct()).as("the consents appended together").hasSize(1);
        assertThat(calls.stream().map(c -> only(audit.chain("task:" + c.taskId()), "DELIVERY_QUEUED").occurredAt())
                .distinct()).as("the messages' events appended together").hasSize(1);
        assertThat(fixtures.supervisor.get("/api/v1/audit/verify").body().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aTaskSettledTwiceInOneBatchIsDecidedOnWhatTheBatchDidToItFirst() {
        TaskFixtures fixtures = new TaskFixtures(port);
        CallAttempt first = dialled(fixtures, "+86 138 0000 7501");
        // a second attempt of the same task, as a node that reconciled the first one late could have opened
        CallAttempt second = attempts.open(new CallAttempts.NewAttempt(first.taskId(), null, null, "pbx1", "carrier1",
                first.number(), "test-node", "dialer"));
        Instant answered = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        attempts.recordAll(List.of(new CallAnswered(first.id(), answered, null), new CallAnswered(second.id(), answered,
                        null), heard(first.id(), CallOutcome.CONSENTED, "1"),
                new CallEnded(first.id(), null, answered, answered.plusSeconds(20), "hung up"),
                heard(second.id(), CallOutcome.CONSENTED, "1"),
                new CallEnded(second.id(), null, answered, answered.plusSeconds(21), "hung up")));

        assertThat(state(fixtures, first.taskId())).isEqualTo("ELECTRONIC");
        List<AuditEvent> chain = audit.chain("task:" + first.taskId());
        assertThat(chain).extracting(AuditEvent::action).filteredOn("TASK_CONSENT_CAPTURED"::equals)
                .as("consented once").hasSize(1);
        assertThat(chain).filteredOn(e -> e.action().equals("CALL_CONSENTED")).extracting(AuditEvent::occurredAt)
                .as("both settled in the one batch, not event by event").hasSize(2).containsOnly(
                        chain.stream().filter(e -> e.action().equals("CALL_CONSENTED")).findFirst().orElseThrow()
                                .occurredAt());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE task_id = :id AND kind = 'NOTICE'")
                .param("id", first.taskId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void queuedEventsMeetInOneBatchWithinATick() {
        TaskFixtures fixtures = new TaskFixtures(port);
        List<CallAttempt> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(dialled(fixtures, "+86 138 0000 72" + (10 + i)));
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        calls.forEach(c -> batches.offer(new CallEnded(c.id(), CallOutcome.NO_ANSWER, null, at, "no answer")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls).allSatisfy(c ->
                assertThat(attempts.find(c.id()).orElseThrow().outcome()).isEqualTo(CallOutcome.NO_ANSWER)));
        assertThat(calls.stream().map(c -> only(audit.chain("task:" + c.taskId()), "CALL_NO_ANSWER").occurredAt())
                .distinct()).as("one transaction for the five").hasSize(1);
    }

    @Test
    void aBatchThatFailsAsAWholeIsAppliedEventByEvent() {
        TaskFixtures fixtures = new TaskFixtures(port);
        CallAttempt good = dialled(fixtures, "+86 138 0000 7301");
        CallAttempt poisoned = dialled(fixtures, "+86 138 0000 7302");
        CallAttempt alsoGood = dialled(fixtures, "+86 138 0000 7303");
        // as a row written by an older version or by hand could be: the outcome's rules cannot read its zone
        jdbc.sql("UPDATE service_task SET party_time_zone = 'Mars/Olympus_Mons' WHERE id = :id")
                .param("id", poisoned.taskId()).update();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        List.of(good, poisoned, alsoGood).forEach(c -> batches.offer(
                new CallEnded(c.id(), CallOutcome.BUSY, null, at, "busy")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of(good, alsoGood)).allSatisfy(c ->
                assertThat(attempts.find(c.id()).orElseThrow().outcome()).isEqualTo(CallOutcome.BUSY)));
        CallAttempt left = attempts.find(poisoned.id()).orElseThrow();
        assertThat(left.state()).as("left to the reconciler, not half settled").isNotEqualTo(AttemptState.ENDED);
        assertThat(left.endedAt()).isNull();
        assertThat(audit.chain("task:" + poisoned.taskId())).extracting(AuditEvent::action)
                .doesNotContain("CALL_BUSY");
    }

    private CallAttempt dialled(TaskFixtures fixtures, String phone) {
        return new DialledAttempts(fixtures, tasks, attempts).dialled("结算", phone);
    }

    private static NoticeHeard heard(String attemptId, CallOutcome outcome, String digit) {
        return new NoticeHeard(attemptId, outcome, digit, Duration.ofMillis(9_500), null, Duration.ofMillis(9_600),
                Duration.ofMillis(5_000), List.of("greeting@0.000s+4.000s!1"), "v1@abc", null, null);
    }

    private static AuditEvent only(List<AuditEvent> chain, String action) {
        List<AuditEvent> found = chain.stream().filter(e -> e.action().equals(action)).toList();
        assertThat(found).as(action).hasSize(1);
        return found.getFirst();
    }

    private static String state(TaskFixtures fixtures, long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body().get("state").asString();
    }
}
