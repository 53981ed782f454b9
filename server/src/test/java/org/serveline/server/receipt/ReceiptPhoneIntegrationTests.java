package org.serveline.server.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The receipt of a party served by the phone path: consent by keypad in the PBX simulator (real AMI and FastAGI, the
 * call recorded and stored), then ELECTRONIC → DELIVERED with the evidence keys the electronic sender writes (the
 * sender itself is another feature's). The receipt cites the recording's SHA-256, the digit and its offset. The
 * task has no hearing date (a judgment's service), the party no e-mail and one phone.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_receipt_phone",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800003001=CONSENT",
    "serveline.dialer.tick=PT0.05S",
    "serveline.recordings.review-sample-rate=0",
    "serveline.receipts.sweep-interval=PT1S",
})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReceiptPhoneIntegrationTests {

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

    @Test
    void aPartyWhoConsentedOnThePhoneAndWasDeliveredGetsAReceiptCitingTheRecording() {
        TaskFixtures fixtures = new TaskFixtures(port);
        String caseNumber = TaskFixtures.newCaseNumber();
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of(
                "court", "NMG0303", "caseNumber", caseNumber, "cause", "民间借贷纠纷",
                "party", Map.of("role", "DEFENDANT", "name", "李同意", "phones", List.of("+86 138 0000 3001")),
                "documents", List.of(fixtures.uploadDocument()))));
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        startCampaign(fixtures.supervisor);

        await().atMost(Duration.ofSeconds(90)).until(() -> task(fixtures, id).get("state").asString(),
                "ELECTRONIC"::equals);
        String attemptId = task(fixtures, id).get("attempts").get(0).get("id").asString();
        Recording recording = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordings.ofAttempt(attemptId), java.util.Optional::isPresent).orElseThrow();

        TaskId task = new TaskId(id);
        audit.append(new AuditRecord(task.auditChain(), "party", "PORTAL_OPENED", "task:" + id, null, null,
                Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0 (iPhone)")));
        assertThat(new ReceiptDownloads(port).receipt(id).statusCode()).isEqualTo(409);
        tasks.move(task, TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T05:05:05Z", "serviceDateRule", "SMSC_DELIVERED",
                "address", "+8613800003001",
                "deliveryReceipt", "id:7f3a sub:001 dlvrd:001 submit date:2611301304 done date:2611301305 stat:DELIVRD",
                "smscMessageId", "7f3a"));

        byte[] pdf = await().atMost(Duration.ofSeconds(30)).until(() -> new ReceiptDownloads(port).receipt(id),
                r -> r.statusCode() == 200).body();
        String text = ReceiptDownloads.text(pdf);
        assertThat(text).contains(caseNumber, "李同意", "民间借贷纠纷", recording.sha256(), attemptId, "电子送达",
                "短信到达受送达人特定系统之日", "2026年11月30日 13:05:05", "stat:DELIVRD", "同意按键：1",
                "告知脚本版本：notice-v2.zh@", "同意时点（录音内）", "受送达人打开文书链接", "203.0.113.7",
                "短信中心消息编号：7f3a", "电子送达地址：+8613800003001");
        assertThat(text).contains("毫秒）");
    }

    private static JsonNode task(TaskFixtures fixtures, long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body();
    }

    private static void startCampaign(ApiClient supervisor) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "receipt-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT5S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long campaign = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}").status()).isEqualTo(200);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-receipt-phone");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
