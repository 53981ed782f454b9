package org.serveline.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.receipt.Receipt;
import org.serveline.server.receipt.Receipts;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.Problems;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/tasks/{id}/evidence} against the real server: a task served after a consenting call in the PBX
 * simulator (real AMI and FastAGI, the call recorded and stored) shows every section — review, the attempt and its
 * recording's SHA-256, the consent digit and offset, the delivery and its gateway reply, the receipt and a valid
 * audit chain; a task just submitted shows none of them; an unknown id is a 404 problem; a role without access is
 * refused.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_evidence",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800003001=CONSENT",
    "serveline.dialer.tick=PT0.05S",
    "serveline.recordings.review-sample-rate=0",
    "serveline.receipts.sweep-interval=PT1S",
})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EvidenceIntegrationTests {

    static final Path DIR = tempDir();

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("serveline.receipts.root", () -> DIR.resolve("receipts").toString());
        registry.add("serveline.recordings.store-root", () -> DIR.resolve("store").toString());
        registry.add("serveline.recordings.work-dir", () -> DIR.resolve("work").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    AuditTrail audit;
    @Autowired
    Recordings recordings;
    @Autowired
    Receipts receipts;

    @Test
    void aTaskServedAfterAConsentingCallShowsEverySection() throws Exception {
        TaskFixtures fixtures = new TaskFixtures(port);
        String caseNumber = TaskFixtures.newCaseNumber();
        String document = fixtures.uploadDocument();
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of(
                "court", "NMG0303", "caseNumber", caseNumber,
                "party", Map.of("role", "DEFENDANT", "name", "王证据", "phones", List.of("+86 138 0000 3001")),
                "documents", List.of(document))));
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        fixtures.review(id, "RETURN", "缺少身份证号");
        assertThat(fixtures.clerk.post("/api/v1/tasks/" + id + "/resubmit", "{}").status()).isEqualTo(200);
        fixtures.review(id, "APPROVE", null);
        startCampaign(fixtures.supervisor);

        await().atMost(Duration.ofSeconds(90)).until(() -> evidence(fixtures.supervisor, id).get("state").asString(),
                "ELECTRONIC"::equals);
        String attemptId = evidence(fixtures.supervisor, id).get("attempts").get(0).get("id").asString();
        Recording recording = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordings.ofAttempt(attemptId), java.util.Optional::isPresent).orElseThrow();
        TaskId task = new TaskId(id);
        audit.append(new AuditRecord(task.auditChain(), "system", "DELIVERY_CONFIRMED", "task:" + id, null, null,
                Map.of("message", 1, "kind", "NOTICE", "address", "+8613800003001", "rule", "GATEWAY",
                        "deliveryReceipt", "id:7f3a stat:DELIVRD")));
        tasks.move(task, TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T05:05:05Z", "serviceDateRule", "GATEWAY", "address", "+8613800003001",
                "deliveryReceipt", "id:7f3a stat:DELIVRD"));
        Receipt receipt = await().atMost(Duration.ofSeconds(30)).until(() -> receipts.find(task),
                java.util.Optional::isPresent).orElseThrow();

        JsonNode e = evidence(fixtures.supervisor, id);
        assertThat(e.get("state").asString()).isEqualTo("SERVED");
        assertThat(e.get("caseNumber").asString()).isEqualTo(caseNumber);
        JsonNode submission = e.get("submission");
        assertThat(submission.get("by").asString()).isEqualTo("clerk");
        assertThat(submission.get("party").asString()).isEqualTo("王证据");
        assertThat(submission.get("documents").get(0).get("id").asString()).isEqualTo(document);
        assertThat(submission.get("documents").get(0).get("sha256").asString()).hasSize(64);
        assertThat(e.get("reviews").findValuesAsString("action"))
                .containsExactly("TASK_RETURN", "TASK_RESUBMIT", "TASK_APPROVE");
        assertThat(e.get("reviews").get(0).get("reason").asString()).isEqualTo("缺少身份证号");
        assertThat(e.get("reviews").get(0).get("by").asString()).isEqualTo("reviewer");

        JsonNode attempt = e.get("attempts").get(0);
        assertThat(attempt.get("number").asString()).isEqualTo("+8613800003001");
        assertThat(attempt.get("outcome").asString()).isEqualTo("CONSENTED");
        assertThat(attempt.get("recording").get("sha256").asString()).isEqualTo(recording.sha256());
        assertThat(attempt.get("recording").get("originalKept").asBoolean()).isTrue();

        JsonNode consent = e.get("consent");
        assertThat(consent.get("attemptId").asString()).isEqualTo(attemptId);
        assertThat(consent.get("digit").asString()).isEqualTo("1");
        assertThat(consent.get("offsetMs").asLong()).isPositive();
        assertThat(consent.get("address").asString()).isEqualTo("+8613800003001");

        JsonNode delivery = e.get("delivery");
        assertThat(delivery.get("messages").findValuesAsString("action")).contains("DELIVERY_CONFIRMED");
        JsonNode served = delivery.get("served");
        assertThat(served.get("channel").asString()).isEqualTo("ELECTRONIC");
        assertThat(served.get("address").asString()).isEqualTo("+8613800003001");
        assertThat(served.get("serviceDate").asString()).isEqualTo("2026-11-30T05:05:05Z");
        assertThat(served.get("gatewayReply").asString()).isEqualTo("id:7f3a stat:DELIVRD");

        JsonNode r = e.get("receipt");
        assertThat(r.get("sha256").asString()).isEqualTo(receipt.sha256());
        assertThat(r.get("verificationCode").asString()).isEqualTo(receipt.displayCode());
        assertThat(r.get("pdfUrl").asString()).isEqualTo("/api/v1/tasks/" + id + "/receipt");
        assertThat(verifyStatus(r.get("verifyUrl").asString())).isEqualTo(200);

        JsonNode check = e.get("audit");
        assertThat(check.get("chain").asString()).isEqualTo("task:" + id);
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(check.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(check.get("problem").isNull()).isTrue();

        assertThat(evidence(fixtures.clerk, id).get("receipt").get("sha256").asString()).isEqualTo(receipt.sha256());
    }

    @Test
    void aTaskJustSubmittedHasNoReviewAttemptConsentDeliveryOrReceipt() {
        TaskFixtures fixtures = new TaskFixtures(port);
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of(
                "court", "NMG0303", "caseNumber", TaskFixtures.newCaseNumber(),
                "party", Map.of("role", "PLAINTIFF", "name", "李空白", "phones", List.of("13800138000")),
                "documents", List.of(fixtures.uploadDocument()))));
        long id = submitted.body().get("id").asLong();

        JsonNode e = evidence(fixtures.reviewer, id);
        assertThat(e.get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(e.get("submission").get("phones").get(0).asString()).isEqualTo("+8613800138000");
        assertThat(e.get("reviews")).isEmpty();
        assertThat(e.get("attempts")).isEmpty();
        assertThat(e.get("consent").isNull()).isTrue();
        assertThat(e.get("delivery").get("messages")).isEmpty();
        assertThat(e.get("delivery").get("served").isNull()).isTrue();
        assertThat(e.get("receipt").isNull()).isTrue();
        assertThat(e.get("audit").get("valid").asBoolean()).isTrue();
        assertThat(e.get("audit").get("eventsChecked").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownTaskIsA404ProblemAndAnOperatorMayNotRead() {
        ApiClient supervisor = ApiClient.on(port).as("supervisor", "supervisor-pw");
        Problems.assertProblem(supervisor.get("/api/v1/tasks/987654321/evidence"), 404, "987654321");
        Problems.assertProblem(supervisor.get("/api/v1/tasks/0/evidence"), 404, "no service task");
        assertThat(supervisor.get("/api/v1/tasks/abc/evidence").status()).isEqualTo(400);
        assertThat(ApiClient.on(port).as("operator", "operator-pw").get("/api/v1/tasks/1/evidence").status())
                .isEqualTo(403);
        assertThat(ApiClient.on(port).get("/api/v1/tasks/1/evidence").status()).isEqualTo(401);
    }

    /** The public verification page, asked for JSON, answers 200 for the receipt's code. */
    private int verifyStatus(String path) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static JsonNode evidence(ApiClient client, long id) {
        ApiClient.Response response = client.get("/api/v1/tasks/" + id + "/evidence");
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static void startCampaign(ApiClient supervisor) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "evidence-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT5S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long campaign = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}").status()).isEqualTo(200);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-evidence");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
