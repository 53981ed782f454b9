package org.serveline.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Review, cancel and the timeline over HTTP against the real server and a real MariaDB. */
@ServelineIntegrationTest
class ReviewIntegrationTests {

    @LocalServerPort
    int port;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void anApprovedTaskShowsSubmissionAndApprovalOnItsTimelineOldestFirst() {
        long id = fixtures.submitTask().get("id").asLong();

        JsonNode approved = fixtures.review(id, "APPROVE", null);

        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        JsonNode timeline = fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body();
        assertThat(timeline.findValuesAsString("action")).containsExactly("TASK_SUBMITTED", "TASK_APPROVE");
        assertThat(timeline.findValuesAsString("actor")).containsExactly("clerk", "reviewer");
        assertThat(timeline.get(1).get("before").asString()).isEqualTo("SUBMITTED");
        assertThat(timeline.get(1).get("prevHash").asString()).isEqualTo(timeline.get(0).get("hash").asString());
        assertThat(timeline.get(0).get("details").get("phones").get(0).asString()).isEqualTo("+8613800138000");
    }

    @Test
    void aReturnedTaskCarriesTheReviewersReason() {
        long id = fixtures.submitTask().get("id").asLong();
        JsonNode returned = fixtures.review(id, "RETURN", "送达地址不完整");
        assertThat(returned.get("state").asString()).isEqualTo("RETURNED");
        assertThat(returned.get("returnReason").asString()).isEqualTo("送达地址不完整");
        JsonNode timeline = fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body();
        assertThat(timeline.get(1).get("details").get("reason").asString()).isEqualTo("送达地址不完整");
    }

    @Test
    void aReturnedTaskResubmittedByTheClerkAwaitsReviewAgain() {
        long id = fixtures.submitTask().get("id").asLong();
        fixtures.review(id, "RETURN", "补充身份证号");
        assertProblem(fixtures.reviewer.post("/api/v1/tasks/" + id + "/resubmit", "{}"), 403, "");

        JsonNode again = fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", "{}").body();

        assertThat(again.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(again.get("returnReason").isNull()).isTrue();
        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", "{}"), 409, "RESUBMIT");
    }

    @Test
    void returningWithoutAReasonIsA400AndChangesNothing() {
        long id = fixtures.submitTask().get("id").asLong();
        assertProblem(fixtures.reviewer.post("/api/v1/tasks/" + id + "/review",
                ApiClient.json(Map.of("decision", "RETURN"))), 400, "needs a reason");
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + id).body().get("state").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void reviewingATaskNotAwaitingReviewIsAConflict() {
        long id = fixtures.submitTask().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        assertProblem(fixtures.reviewer.post("/api/v1/tasks/" + id + "/review",
                ApiClient.json(Map.of("decision", "RETURN", "reason", "late"))), 409, "in state APPROVED");
        assertThat(fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body().size()).isEqualTo(2);
    }

    @Test
    void anUnknownTaskIdIsA404EverywhereAndANonNumericOneA400() {
        assertProblem(fixtures.clerk.get("/api/v1/tasks/987654321"), 404, "no service task with id 987654321");
        assertProblem(fixtures.reviewer.post("/api/v1/tasks/987654321/review",
                ApiClient.json(Map.of("decision", "APPROVE"))), 404, "987654321");
        assertProblem(fixtures.clerk.get("/api/v1/tasks/987654321/timeline"), 404, "987654321");
        assertProblem(fixtures.clerk.get("/api/v1/tasks/abc"), 400, "not a valid value");
    }

    @Test
    void anUnknownDecisionIsA400() {
        long id = fixtures.submitTask().get("id").asLong();
        assertProblem(fixtures.reviewer.post("/api/v1/tasks/" + id + "/review",
                ApiClient.json(Map.of("decision", "MAYBE"))), 400, "MAYBE");
    }

    @Test
    void cancellingNeedsAReasonAndACancelledTaskCannotBeCancelledAgain() {
        long id = fixtures.submitTask().get("id").asLong();
        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/cancel", "{}"), 400, "invalid");

        JsonNode cancelled = fixtures.clerk.post("/api/v1/tasks/" + id + "/cancel",
                ApiClient.json(Map.of("reason", "案件已撤诉"))).body();

        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertProblem(fixtures.clerk.post("/api/v1/tasks/" + id + "/cancel",
                ApiClient.json(Map.of("reason", "again"))), 409, "CANCELLED");
    }

    @Test
    void tasksAreListedByStateAndCaseInPages() {
        JsonNode first = fixtures.submitTask();
        String caseNumber = first.get("caseNumber").asString();
        fixtures.review(first.get("id").asLong(), "APPROVE", null);

        JsonNode page = fixtures.clerk.get("/api/v1/tasks?state=APPROVED&caseNumber="
                + java.net.URLEncoder.encode(caseNumber, java.nio.charset.StandardCharsets.UTF_8) + "&size=5").body();

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertProblem(fixtures.clerk.get("/api/v1/tasks?size=1000"), 400, "invalid");
        assertThat(fixtures.clerk.get("/api/v1/tasks?size=1000").body().get("errors").get(0).get("field").asString())
                .isEqualTo("size");
        assertProblem(fixtures.clerk.get("/api/v1/tasks?state=LOST"), 400, "LOST");
    }
}
