package org.serveline.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Intake over HTTP against the real server and a real MariaDB. */
@ServelineIntegrationTest
class TaskIntakeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void aSubmittedTaskIsStoredWithNormalisedNumbersAndTheCourtsChain() {
        JsonNode task = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party("王五", "138 0013 8000", "+86 10 6552 9988")))).body();

        assertThat(task.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(task.get("phones").findValuesAsString("e164")).containsExactly("+8613800138000", "+861065529988");
        assertThat(task.get("channelChain").toString()).isEqualTo("[\"PHONE\",\"POSTAL\",\"IN_PERSON\",\"PUBLIC_NOTICE\"]");
        assertThat(task.get("party").get("timeZone").asString()).isEqualTo("Asia/Shanghai");
        JsonNode read = fixtures.clerk.get("/api/v1/tasks/" + task.get("id").asLong()).body();
        assertThat(read.get("caseNumber").asString()).isEqualTo(task.get("caseNumber").asString());
    }

    @Test
    void malformedJsonIsA400ProblemAndStoresNothing() {
        long before = taskCount();
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", "{\"court\": \"NMG0303\", ");
        assertProblem(response, 400, "malformed JSON");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        Map<String, Object> request = new HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party("赵六", "13800138000")));
        request.put("partyNickname", "x");
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request)), 400, "unknown field 'partyNickname'");
    }

    @Test
    void aPhoneNumberLibphonenumberRejectsIsA400NamingTheField() {
        long before = taskCount();
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party("孙七", "13800138000", "12345"))));
        assertProblem(response, 400, "'12345' is not a valid phone number");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("party.phones[1]");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void anEmptyDocumentListIsRefused() {
        Map<String, Object> request = Map.of("court", "NMG0303", "caseNumber", TaskFixtures.newCaseNumber(),
                "party", TaskFixtures.party("周八", "13800138000"), "documents", List.of());
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertProblem(response, 400, "field(s) are invalid");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("documents");
    }

    @Test
    void aDocumentIdThatDoesNotExistIsA422() {
        String ghost = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("court", "NMG0303", "caseNumber", TaskFixtures.newCaseNumber(),
                "party", TaskFixtures.party("吴九", "13800138000"), "documents", List.of(ghost));
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request)), 422, ghost);
    }

    @Test
    void anUnknownCourtAndABadCaseNumberAreRefused() {
        Map<String, Object> unknownCourt = new HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party("郑十", "13800138000")));
        unknownCourt.put("court", "NOWHERE");
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(unknownCourt)), 422, "unknown court 'NOWHERE'");
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest("case 42",
                TaskFixtures.party("郑十", "13800138000")))), 400, "is not of the form");
    }

    @Test
    void aBatchWhereOnePartyIsInvalidStoresNothing() {
        long tasksBefore = taskCount();
        long batchesBefore = jdbc.sql("SELECT COUNT(*) FROM task_batch").query(Long.class).single();
        String caseNumber = TaskFixtures.newCaseNumber();
        Map<String, Object> batch = batch(caseNumber, List.of(TaskFixtures.party("原告甲", "13800138000"),
                TaskFixtures.party("被告乙", "not-a-number")));

        ApiClient.Response response = fixtures.clerk.post("/api/v1/task-batches", ApiClient.json(batch), "key-" + UUID.randomUUID());

        assertProblem(response, 400, "not a valid phone number");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("parties[1].phones[0]");
        assertThat(taskCount()).isEqualTo(tasksBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_batch").query(Long.class).single()).isEqualTo(batchesBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_file WHERE case_number = :n").param("n", caseNumber)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRetriedBatchCreatesNothingTwiceAndAReusedKeyWithAnotherBodyIsAConflict() {
        String key = "click-" + UUID.randomUUID();
        Map<String, Object> batch = batch(TaskFixtures.newCaseNumber(), List.of(
                TaskFixtures.party("原告甲", "13800138000"), TaskFixtures.party("被告乙", "13900139000")));

        ApiClient.Response first = fixtures.clerk.post("/api/v1/task-batches", ApiClient.json(batch), key);
        ApiClient.Response retry = fixtures.clerk.post("/api/v1/task-batches", ApiClient.json(batch), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body().get("tasks").findValuesAsString("caseNumber")).hasSize(2);
        assertThat(retry.body().get("tasks").findValues("id")).isEqualTo(first.body().get("tasks").findValues("id"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM service_task WHERE batch_id = :b")
                .param("b", first.body().get("batchId").asLong()).query(Long.class).single()).isEqualTo(2);

        Map<String, Object> other = batch(TaskFixtures.newCaseNumber(), List.of(TaskFixtures.party("丙", "13800138000")));
        assertProblem(fixtures.clerk.post("/api/v1/task-batches", ApiClient.json(other), key), 409, "already used");
    }

    @Test
    void aBatchWithoutAnIdempotencyKeyIsRefused() {
        Map<String, Object> batch = batch(TaskFixtures.newCaseNumber(), List.of(TaskFixtures.party("丁", "13800138000")));
        assertProblem(fixtures.clerk.post("/api/v1/task-batches", ApiClient.json(batch)), 400, "Idempotency-Key");
    }

    @Test
    void onlyAClerkMaySubmitAndStrangersAreTurnedAway() {
        String body = ApiClient.json(fixtures.taskRequest(TaskFixtures.newCaseNumber(), TaskFixtures.party("戊", "13800138000")));
        assertProblem(ApiClient.on(port).post("/api/v1/tasks", body), 401, "authentication required");
        assertProblem(fixtures.reviewer.post("/api/v1/tasks", body), 403, "may not");
        assertProblem(ApiClient.on(port).as("clerk", "wrong").post("/api/v1/tasks", body), 401, "authentication required");
    }

    private Map<String, Object> batch(String caseNumber, List<Map<String, Object>> parties) {
        return Map.of("court", "NMG0303", "caseNumber", caseNumber, "parties", parties,
                "documents", List.of(fixtures.uploadDocument()), "priority", "HIGH");
    }

    private long taskCount() {
        return jdbc.sql("SELECT COUNT(*) FROM service_task").query(Long.class).single();
    }
}
