package org.serveline.server.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Statutory clocks over the API: dates are computed from the injected clock's today in the court's zone (no test
 * waits). The POSTONLY court (Asia/Urumqi) has an answer period of 30 days here and the default lead of 15.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_figures",
    "serveline.deadlines.courts.POSTONLY.answer=P30D",
})
class DeadlineIntegrationTests {

    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    Clock clock;

    @Test
    void aServedTaskShowsItsServiceDateAndTheDeadlinesItStarts() {
        TaskFixtures fixtures = new TaskFixtures(port);
        LocalDate today = LocalDate.now(clock.withZone(URUMQI));
        long id = submit(fixtures, "王期间", null);
        JsonNode before = fixtures.clerk.get("/api/v1/tasks/" + id + "/deadlines").body();
        assertThat(before.get("served").asBoolean()).isFalse();
        assertThat(before.get("deadlines").size()).isZero();
        assertThat(before.get("hearingDate").isNull()).isTrue();
        assertThat(before.get("atRisk").asBoolean()).isFalse();

        TaskId task = new TaskId(id);
        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);
        tasks.move(task, TaskTrigger.DELIVERED, "postman", null, Map.of("channel", "POSTAL",
                "serviceDate", "2026-11-06T03:00:00Z", "serviceDateRule", "POSTAL_SIGNED"));

        JsonNode after = fixtures.clerk.get("/api/v1/tasks/" + id + "/deadlines").body();
        assertThat(after.get("served").asBoolean()).isTrue();
        assertThat(after.get("serviceDay").asString()).isEqualTo("2026-11-06");
        assertThat(after.get("serviceDateRule").asString()).isEqualTo("POSTAL_SIGNED");
        JsonNode answer = after.get("deadlines").get(0);
        assertThat(answer.get("kind").asString()).isEqualTo("ANSWER");
        assertThat(answer.get("period").asString()).isEqualTo("P30D");
        assertThat(answer.get("lastDay").asString()).isEqualTo("2026-12-07");   // Sunday 12-06 → Monday
        assertThat(after.get("deadlines").get(1).get("lastDay").asString()).isEqualTo("2026-11-23");
        assertThat(after.get("atRisk").asBoolean()).isFalse();
        assertThat(today).isNotNull();
        assertProblem(fixtures.clerk.get("/api/v1/tasks/99999999/deadlines"), 404, "no service task");
    }

    @Test
    void tasksNotServedWhoseHearingIsTooNearAreListedAtRisk() {
        TaskFixtures fixtures = new TaskFixtures(port);
        LocalDate today = LocalDate.now(clock.withZone(URUMQI));
        long overdue = submit(fixtures, "赵逾期", today.plusDays(10));      // latest service day 5 days ago
        long soon = submit(fixtures, "钱临近", today.plusDays(17));         // latest service day in 2 days
        long later = submit(fixtures, "孙宽裕", today.plusDays(40));        // in 25 days: not at risk
        long served = submit(fixtures, "李已送", today.plusDays(10));
        long noHearing = submit(fixtures, "周无庭", null);
        TaskId done = new TaskId(served);
        tasks.move(done, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(done, TaskTrigger.DISPATCH, "system", null);
        tasks.move(done, TaskTrigger.DELIVERED, "postman", null, Map.of("channel", "POSTAL"));

        List<JsonNode> atRisk = list(fixtures.clerk.get("/api/v1/tasks/at-risk?within=P3D&court=POSTONLY").body());
        assertThat(atRisk).extracting(n -> n.get("taskId").asLong()).containsExactly(overdue, soon);
        assertThat(atRisk.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(atRisk.get(0).get("daysLeft").asLong()).isEqualTo(-5);
        assertThat(atRisk.get(0).get("latestServiceDay").asString()).isEqualTo(today.minusDays(5).toString());
        assertThat(atRisk.get(1).get("daysLeft").asLong()).isEqualTo(2);
        assertThat(atRisk.get(1).get("partyName").asString()).isEqualTo("钱临近");
        assertThat(list(fixtures.clerk.get("/api/v1/tasks/at-risk?within=P30D&court=POSTONLY").body()))
                .extracting(n -> n.get("taskId").asLong()).contains(overdue, soon, later).doesNotContain(served,
                        noHearing);
        assertThat(list(fixtures.clerk.get("/api/v1/tasks/at-risk?within=P0D").body()))
                .extracting(n -> n.get("taskId").asLong()).contains(overdue).doesNotContain(soon);
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + soon + "/deadlines").body().get("atRisk").asBoolean())
                .isTrue();

        assertProblem(fixtures.clerk.get("/api/v1/tasks/at-risk?within=3days"), 400, "ISO-8601 period");
        assertProblem(fixtures.clerk.get("/api/v1/tasks/at-risk?within=-P1D"), 400, "between P0D and P366D");
        assertProblem(fixtures.clerk.get("/api/v1/tasks/at-risk?court=NOPE"), 400, "unknown court");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static long submit(TaskFixtures fixtures, String party, LocalDate hearing) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("court", "POSTONLY",
                "caseNumber", TaskFixtures.newCaseNumber(), "party", TaskFixtures.party(party, "13800005000"),
                "documents", List.of(fixtures.uploadDocument())));
        if (hearing != null) {
            request.put("hearingDate", hearing.toString());
        }
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().get("id").asLong();
    }
}
