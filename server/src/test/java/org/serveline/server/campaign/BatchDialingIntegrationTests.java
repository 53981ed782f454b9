package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dialer decides a claimed batch in one transaction. Against the PBX simulator (real AMI and FastAGI) and
 * MariaDB: every task of the batch is dispatched, dialled once and audited in its own chain; a task that cannot
 * be decided (its party's time zone unreadable) makes the batch fall back to one decision per task, so the others
 * are still dialled, and it keeps its lease instead of being retried on every tick. Private schema.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_batch_dialing",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.dialer.tick=PT0.05S",
    "serveline.dialer.lease=PT10M",
    "serveline.simulator.default-party=CONSENT",
})
class BatchDialingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    void aTaskThatCannotBeDecidedDoesNotHoldBackItsBatch() {
        TaskFixtures fixtures = new TaskFixtures(port);
        List<Long> good = List.of(approvedTask(fixtures, "+86 138 0000 6001"), approvedTask(fixtures,
                "+86 138 0000 6002"), approvedTask(fixtures, "+86 138 0000 6003"));
        long poisoned = approvedTask(fixtures, "+86 138 0000 6004");
        // as a row written by an older version or by hand could be: the zone cannot be read
        jdbc.sql("UPDATE service_task SET party_time_zone = 'Mars/Olympus_Mons' WHERE id = :id")
                .param("id", poisoned).update();

        startCampaign(fixtures.supervisor);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(good).allSatisfy(id ->
                assertThat(state(fixtures, id)).isEqualTo("ELECTRONIC")));
        for (long id : good) {
            assertThat(attempts(id)).as("attempts of task %d", id).isEqualTo(1);
            assertThat(audit.chain("task:" + id)).extracting(e -> e.action())
                    .containsSubsequence("TASK_DISPATCH", "CALL_DIALING", "CALL_CONSENTED", "TASK_CONSENT_CAPTURED");
        }
        assertThat(attempts(poisoned)).isZero();
        assertThat(state(fixtures, poisoned)).isEqualTo("APPROVED");
        Timestamp leaseUntil = jdbc.sql("SELECT lease_until FROM service_task WHERE id = :id").param("id", poisoned)
                .query(Timestamp.class).single();
        assertThat(leaseUntil.toInstant()).as("kept leased, not retried every tick").isAfter(Instant.now());
        assertThat(fixtures.supervisor.get("/api/v1/audit/verify").body().get("valid").asBoolean()).isTrue();
    }

    private long approvedTask(TaskFixtures fixtures, String phone) {
        JsonNode task = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party("批量" + phone.substring(phone.length() - 4), phone))))
                .body();
        long id = task.get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    private void startCampaign(ApiClient supervisor) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "batch-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT5S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(supervisor.post("/api/v1/campaigns/" + created.body().get("id").asLong() + "/start", "{}")
                .status()).isEqualTo(200);
    }

    private int attempts(long task) {
        return jdbc.sql("SELECT COUNT(*) FROM call_attempt WHERE task_id = :id").param("id", task)
                .query(Integer.class).single();
    }

    private static String state(TaskFixtures fixtures, long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body().get("state").asString();
    }
}
