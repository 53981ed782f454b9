package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's limits changed after it was created ({@code PATCH /api/v1/campaigns/{id}/limits}): bad values are
 * problem details that change nothing, a stopped campaign keeps its limits, only a supervisor changes them, and a
 * running campaign's next dialler tick keeps to the new limits. Private schema, the PBX simulator over real AMI and
 * FastAGI.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_campaign_limits",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.dialer.tick=PT0.05S",
})
@Timeout(120)
class CampaignLimitsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRaisedCallRateTakesEffectOnTheRunningCampaignsNextTickAndIsAudited() {
        TaskFixtures fixtures = new TaskFixtures(port);
        String caseNumber = TaskFixtures.newCaseNumber();
        for (int i = 0; i < 4; i++) {
            // four parties of one case
            long id = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(caseNumber,
                    TaskFixtures.party("限额" + i, "+86 138 0000 7" + (100 + i))))).body().get("id").asLong();
            fixtures.review(id, "APPROVE", null);
        }
        // one call every 100 s: after the first, the other three would wait five minutes
        long campaign = campaign(fixtures, caseNumber, 0.01);
        assertThat(fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> dialled(campaign) >= 1);
        assertThat(dialled(campaign)).as("held to 0.01 calls a second").isEqualTo(1);

        ApiClient.Response changed = fixtures.supervisor.patch("/api/v1/campaigns/" + campaign + "/limits",
                ApiClient.json(Map.of("maxCallsPerSecond", 20, "maxConcurrentCalls", 10)));

        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        JsonNode limits = changed.body().get("limits");
        assertThat(limits.get("maxCallsPerSecond").asDouble()).isEqualTo(20.0);
        assertThat(limits.get("maxConcurrentCalls").asInt()).isEqualTo(10);
        assertThat(limits.get("callingFrom").asString()).as("a limit not given stays").startsWith("00:00");
        assertThat(limits.get("maxAttemptsPerTask").asInt()).isEqualTo(1);
        assertThat(changed.body().get("state").asString()).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(20)).until(() -> dialled(campaign) == 4);

        List<Map<String, Object>> audit = jdbc.sql("""
                SELECT actor, before_state, after_state, details FROM audit_event
                 WHERE chain_key = :c AND action = 'CAMPAIGN_LIMITS_CHANGED'""")
                .param("c", "campaign:" + campaign).query().listOfRows();
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst().get("actor")).isEqualTo("supervisor");
        assertThat(audit.getFirst().get("before_state")).isEqualTo("RUNNING");
        JsonNode details = JsonMapper.builder().build().readTree((String) audit.getFirst().get("details"));
        assertThat(details.get("before").asString()).contains("\"maxCallsPerSecond\":0.01");
        assertThat(details.get("after").asString()).contains("\"maxCallsPerSecond\":20.0");
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
    }

    @Test
    void badLimitsAreProblemsThatChangeNothingAndAStoppedCampaignKeepsItsLimits() {
        TaskFixtures fixtures = new TaskFixtures(port);
        long campaign = campaign(fixtures, "无此案号" + System.nanoTime(), 2);
        String path = "/api/v1/campaigns/" + campaign + "/limits";

        ApiClient.Response zeroRate = fixtures.supervisor.patch(path, ApiClient.json(Map.of("maxCallsPerSecond", 0)));
        assertProblem(zeroRate, 400, "impossible campaign limits");
        assertThat(zeroRate.body().get("errors").get(0).get("field").asString()).as("the limit at fault")
                .isEqualTo("maxCallsPerSecond");
        assertThat(zeroRate.body().get("errors").get(0).get("message").asString()).contains("maxCallsPerSecond");
        assertProblem(fixtures.supervisor.patch(path, ApiClient.json(Map.of("ringTimeout", "PT1S"))), 400,
                "ringTimeout must be between 5 s and 3 min");
        assertProblem(fixtures.supervisor.patch(path, ApiClient.json(Map.of("maxAttemptsPerTask", 0))), 400,
                "maxAttemptsPerTask must be at least 1");
        ApiClient.Response chinese = fixtures.supervisor.inLanguage("zh-CN").patch(path,
                ApiClient.json(Map.of("maxAttemptsPerTask", 0)));
        assertThat(chinese.body().get("errors").get(0).get("message").asString()).contains("须至少为 1");
        assertProblem(fixtures.supervisor.patch(path, ApiClient.json(Map.of("callingFrom", "22:00",
                "callingUntil", "08:00"))), 400, "impossible campaign limits");
        assertThat(fixtures.supervisor.patch(path, "{\"maxConcurrentCalls\": \"many\"}").status()).isEqualTo(400);
        assertThat(fixtures.supervisor.patch(path, "not json").status()).isEqualTo(400);
        assertThat(fixtures.supervisor.patch(path, "").status()).isEqualTo(400);
        assertProblem(fixtures.supervisor.patch("/api/v1/campaigns/999999999/limits",
                ApiClient.json(Map.of("maxConcurrentCalls", 5))), 404, "no campaign with id 999999999");
        assertThat(fixtures.reviewer.patch(path, ApiClient.json(Map.of("maxConcurrentCalls", 5))).status())
                .as("a reviewer may not").isEqualTo(403);

        JsonNode kept = fixtures.supervisor.get("/api/v1/campaigns/" + campaign).body().get("limits");
        assertThat(kept.get("maxCallsPerSecond").asDouble()).as("nothing changed").isEqualTo(2.0);
        assertThat(kept.get("maxConcurrentCalls").asInt()).isEqualTo(3);
        assertThat(kept.get("maxAttemptsPerTask").asInt()).isEqualTo(1);

        ApiClient.Response ring = fixtures.supervisor.patch(path, ApiClient.json(Map.of("ringTimeout", "PT45S",
                "maxAttemptsPerTask", 4)));
        assertThat(ring.status()).as("%s", ring.body()).isEqualTo(200);
        assertThat(ring.body().get("state").asString()).as("a campaign not started yet").isEqualTo("CREATED");
        assertThat(ring.body().get("limits").get("maxAttemptsPerTask").asInt()).isEqualTo(4);

        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        assertProblem(fixtures.supervisor.patch(path, ApiClient.json(Map.of("maxConcurrentCalls", 5))), 409,
                "stopped");
        assertProblem(fixtures.supervisor.inLanguage("zh-CN").patch(path,
                ApiClient.json(Map.of("maxConcurrentCalls", 5))), 409, "已停止，不能再修改限制");
        assertThat(fixtures.supervisor.get("/api/v1/campaigns/" + campaign).body().get("limits")
                .get("maxConcurrentCalls").asInt()).isEqualTo(3);
    }

    /** A campaign of the one case type given (its own case numbers), dialling around the clock, one call a task. */
    private static long campaign(TaskFixtures fixtures, String caseType, double callsPerSecond) {
        String type = caseType.contains("民") ? caseType.substring(caseType.indexOf('民')) : caseType;
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "limits-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("caseType", type), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("maxConcurrentCalls", 3), Map.entry("maxCallsPerSecond", callsPerSecond),
                Map.entry("maxAttemptsPerTask", 1))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private int dialled(long campaign) {
        return jdbc.sql("SELECT COUNT(*) FROM call_attempt WHERE campaign_id = :c").param("c", campaign)
                .query(Integer.class).single();
    }
}
