package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A campaign's own calls-per-second limit holds even where its trunk would allow ten times more: the dialer takes
 * each call from the campaign's budget in MariaDB (shared by all nodes) before the trunk's. Private schema, PBX
 * simulator over real AMI and FastAGI.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_campaign_rate",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.calls-per-second=20",
    "serveline.dialer.tick=PT0.05S",
})
class CampaignCallRateIntegrationTests {

    static final double CAMPAIGN_CPS = 2;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCampaignDialsNoFasterThanItsOwnCallsPerSecond() {
        TaskFixtures fixtures = new TaskFixtures(port);
        for (int i = 0; i < 8; i++) {
            long id = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                    TaskFixtures.newCaseNumber(), TaskFixtures.party("限速" + i, "+86 138 0000 3" + (100 + i)))))
                    .body().get("id").asLong();
            fixtures.review(id, "APPROVE", null);
        }
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "rate-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("maxConcurrentCalls", 50),
                Map.entry("maxCallsPerSecond", CAMPAIGN_CPS), Map.entry("maxAttemptsPerTask", 1))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long campaign = created.body().get("id").asLong();
        fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}");

        await().atMost(Duration.ofSeconds(60)).until(() -> dialled(campaign).size() >= 8);

        List<Instant> times = dialled(campaign);
        Instant first = times.getFirst();
        int burst = (int) CAMPAIGN_CPS; // one second's worth may go at once
        for (int i = burst; i < times.size(); i++) {
            double earliest = (i - burst + 1) / CAMPAIGN_CPS - 0.3; // the claim, the insert and a busy machine
            double seconds = Duration.between(first, times.get(i)).toNanos() / 1e9;
            assertThat(seconds).as("call %d of a %s/s campaign, %s", i + 1, CAMPAIGN_CPS, times)
                    .isGreaterThanOrEqualTo(earliest);
        }
    }

    private List<Instant> dialled(long campaign) {
        return jdbc.sql("SELECT created_at FROM call_attempt WHERE campaign_id = :c ORDER BY created_at")
                .param("c", campaign).query(Instant.class).list();
    }
}
