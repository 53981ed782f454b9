package org.serveline.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/tasks/{id}/resubmit} with the clerk's correction: the party, numbers and documents replaced and
 * audited (TASK_CORRECTED with before and after), optional fields left empty; bad numbers, unknown documents and a task
 * that is not RETURNED refused with nothing changed; an empty body only resubmits.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {"serveline.embedded-db.schema=serveline_resubmit", "serveline.dialer.enabled=false"})
class ResubmitCorrectionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aReturnedTaskIsCorrectedAndResubmittedInOneStepAndTheCorrectionIsAudited() {
        TaskFixtures fixtures = new TaskFixtures(port);
        long id = fixtures.submitTask().get("id").asLong();
        String otherDocument = fixtures.uploadDocument();
        String correction = ApiClient.json(Map.of("party", Map.of("role", "DEFENDANT", "name", "张三丰",
                "phones", List.of("13900139000", "010 6552 9988")), "documents", List.of(otherDocument)));

        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", correction), 409, "RESUBMIT");
        fixtures.review(id, "RETURN", "号码错误");
        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", ApiClient.json(Map.of("party",
                Map.of("role", "DEFENDANT", "name", "张三丰", "phones", List.of("12345"))))), 400, "12345");
        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", ApiClient.json(Map.of(
                "documents", List.of("no-such-document")))), 422, "no-such-document");
        ApiClient.Response noName = fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit",
                ApiClient.json(Map.of("party", Map.of("role", "DEFENDANT", "name", " "))));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().get("errors").findValuesAsString("field")).contains("party.name");
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + id).body().get("state").asString()).isEqualTo("RETURNED");

        JsonNode resubmitted = fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", correction).body();
        assertThat(resubmitted.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(resubmitted.get("party").get("name").asString()).isEqualTo("张三丰");
        assertThat(resubmitted.get("party").get("address").isNull()).as("optional address left empty").isTrue();
        assertThat(resubmitted.get("party").get("email").isNull()).isTrue();
        assertThat(resubmitted.get("phones").findValuesAsString("e164")).containsExactly("+8613900139000", "+861065529988");
        assertThat(resubmitted.get("documents").get(0).asString()).isEqualTo(otherDocument);
        assertThat(resubmitted.get("returnReason").isNull()).isTrue();

        JsonNode timeline = fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body();
        assertThat(timeline.findValuesAsString("action"))
                .containsSubsequence("TASK_SUBMITTED", "TASK_RETURN", "TASK_CORRECTED", "TASK_RESUBMIT");
        JsonNode corrected = null;
        for (JsonNode event : timeline) {
            if ("TASK_CORRECTED".equals(event.get("action").asString())) {
                corrected = event.get("details");
            }
        }
        assertThat(corrected.get("before").get("party").get("name").asString()).isEqualTo("张三");
        assertThat(corrected.get("before").get("phones").get(0).asString()).isEqualTo("+8613800138000");
        assertThat(corrected.get("after").get("party").get("name").asString()).isEqualTo("张三丰");
        assertThat(fixtures.supervisor.get("/api/v1/audit/verify?chain=task:" + id).body().get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void anEmptyBodyOnlyResubmits() {
        TaskFixtures fixtures = new TaskFixtures(port);
        JsonNode task = fixtures.submitTask();
        long id = task.get("id").asLong();
        fixtures.review(id, "RETURN", "请补充材料");
        JsonNode again = fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", "{}").body();
        assertThat(again.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(again.get("party").get("name").asString()).isEqualTo("张三");
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body().findValuesAsString("action"))
                .doesNotContain("TASK_CORRECTED");
    }
}
