package org.serveline.server.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipts end to end on the public-notice path (moves driven through {@link ServiceTasks}): issued once after
 * SERVED, Chinese text extractable, every channel evidence event printed, verifiable in public, and an altered file
 * found out. Private schema and receipt folder.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_receipts",
    "serveline.receipts.sweep-interval=PT1H",
    "serveline.receipts.verify-base-url=https://fy.example.cn/sd",
})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReceiptIntegrationTests {

    static final Path ROOT = tempDir();

    @DynamicPropertySource
    static void root(DynamicPropertyRegistry registry) {
        registry.add("serveline.receipts.root", () -> ROOT.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    AuditTrail audit;

    @Autowired
    Receipts receipts;

    @Autowired
    ReceiptIssuer issuer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallAttempts attempts;

    @Autowired
    ShiftableClock clock;

    /** The system clock, which a test can move forward (and back) instead of waiting. */
    static final class ShiftableClock extends Clock {
        private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        private volatile Duration offset = Duration.ZERO;

        void shift(Duration by) {
            offset = by;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return base.withZone(zone);
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        ShiftableClock shiftableClock() {
            return new ShiftableClock();
        }
    }

    TaskFixtures fixtures;
    ReceiptDownloads http;
    JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        http = new ReceiptDownloads(port);
    }

    @Test
    void publicNoticeTaskWithoutHearingDateOrEmailGetsOneReceiptWithEveryChannelsEvidence() throws Exception {
        String caseNumber = TaskFixtures.newCaseNumber();
        JsonNode submitted = submit(caseNumber, "赵公告");
        long id = submitted.get("id").asLong();
        TaskId task = new TaskId(id);
        assertThat(submitted.get("hearingDate").isNull()).isTrue();

        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);   // POSTONLY court: POSTAL first
        audit.append(new AuditRecord(task.auditChain(), "system", "POSTAL_RETURNED", "task:" + id, null, null,
                Map.of("trackingNumber", "EA123456785CN", "returnReason", "查无此人")));
        tasks.move(task, TaskTrigger.CHANNEL_FAILED, "system", null, Map.of("reason", "returned"));
        audit.append(new AuditRecord(task.auditChain(), "system", "PUBLIC_NOTICE_PUBLISHED", "task:" + id, null,
                null, Map.of("noticeId", "GG-2026-0001", "periodDays", 30, "publishedAt", "2026-10-01T02:00:00Z")));
        audit.append(new AuditRecord(task.auditChain(), "system", "PUBLIC_NOTICE_BULLETIN_ECHOED", "task:" + id,
                null, null, Map.of("bulletinRef", "人民法院公告网-778")));

        HttpResponse<byte[]> early = http.receipt(id);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(ReceiptDownloads.body(early)).contains("尚未送达");

        tasks.move(task, TaskTrigger.NOTICE_ELAPSED, "system", null, Map.of("channel", "PUBLIC_NOTICE",
                "serviceDate", "2026-10-31T16:00:00Z", "serviceDateRule", "NOTICE_PERIOD_ELAPSED",
                "address", "乌海市海南区人民路1号"));

        byte[] pdf = await().atMost(Duration.ofSeconds(30)).until(() -> http.receipt(id),
                r -> r.statusCode() == 200).body();
        String text = ReceiptDownloads.text(pdf);
        assertThat(text).contains("送 达 回 证", caseNumber, "赵公告", "被告", "劳动争议", "公告送达",
                "公告期满之日，视为送达", "2026年10月31日 22:00:00", "查无此人", "邮件退回", "公告发布", "GG-2026-0001",
                "公告送达：bulletin echoed", "bulletinRef", "核验码", "https://fy.example.cn/sd/verify/");
        String documentSha = fixtures.clerk.get("/api/v1/documents/" + submitted.get("documents").get(0).asString())
                .body().get("sha256").asString();
        assertThat(text).contains(documentSha);
        assertThat(text).contains("本案未经电话告知取得电子送达同意");

        String sha = sha256(pdf);
        List<AuditEvent> issued = issuedEvents(id);
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).details()).contains(sha);
        assertThat(http.receipt(id).body()).as("served again, never re-made").isEqualTo(pdf);
        assertThat(receipts.issue(task).orElseThrow().sha256()).isEqualTo(sha);
        issuer.sweep();
        assertThat(issuedEvents(id)).hasSize(1);

        Receipt receipt = receipts.find(task).orElseThrow();
        HttpResponse<byte[]> verified = http.get("/verify/" + receipt.displayCode(), null, null, "application/json");
        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(verified.body());
        assertThat(body.get("status").asString()).isEqualTo("GENUINE");
        assertThat(body.get("sha256").asString()).isEqualTo(sha);
        assertThat(body.get("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(body.toString()).doesNotContain("赵公告");
        HttpResponse<byte[]> page = http.get("/verify/" + receipt.verificationCode().toLowerCase(), null, null,
                "text/html");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(ReceiptDownloads.body(page)).contains("真实有效", sha, caseNumber);
        assertThat(fixtures.supervisor.get("/api/v1/audit/verify?chain=task:" + id).body().get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void aReceiptFileAlteredOnDiskIsReportedAndNeverServed() throws Exception {
        long id = servedOnNotice("钱篡改");
        byte[] pdf = await().atMost(Duration.ofSeconds(30)).until(() -> http.receipt(id),
                r -> r.statusCode() == 200).body();
        Receipt receipt = receipts.find(new TaskId(id)).orElseThrow();
        Path file = ROOT.resolve(receipt.sha256().substring(0, 2)).resolve(receipt.sha256().substring(2, 4))
                .resolve(receipt.sha256());
        byte[] altered = pdf.clone();
        altered[altered.length / 2] ^= 0x20;
        Files.write(file, altered);

        JsonNode body = json.readTree(http.get("/verify/" + receipt.displayCode(), null, null, "application/json")
                .body());
        assertThat(body.get("status").asString()).isEqualTo("ALTERED");
        assertThat(body.get("genuine").asBoolean()).isFalse();
        assertThat(body.get("storedSha256").asString()).isEqualTo(sha256(altered)).isNotEqualTo(receipt.sha256());
        assertThat(ReceiptDownloads.body(http.get("/verify/" + receipt.displayCode(), null, null, null)))
                .contains("可能已被篡改");
        HttpResponse<byte[]> served = http.receipt(id);
        assertThat(served.statusCode()).isEqualTo(500);
        assertThat(ReceiptDownloads.body(served)).contains("被改动");
        assertThat(issuedEvents(id)).as("nothing re-issued").hasSize(1);

        Files.delete(file);
        assertThat(json.readTree(http.get("/verify/" + receipt.displayCode(), null, null, "application/json").body())
                .get("status").asString()).isEqualTo("MISSING");
    }

    @Test
    void aServedTaskWithoutReceiptGetsExactlyOneFromConcurrentIssuersAndTheSweep() throws Exception {
        // a task served before receipts existed (or whose node died before issuing): SERVED, no receipt
        long id = submit(TaskFixtures.newCaseNumber(), "孙升级").get("id").asLong();
        TaskId task = new TaskId(id);
        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);
        jdbc.sql("UPDATE service_task SET state = 'SERVED' WHERE id = :id").param("id", id).update();
        audit.append(new AuditRecord(task.auditChain(), "postman", "TASK_DELIVERED", "task:" + id, "POSTAL",
                "SERVED", Map.of("channel", "POSTAL", "serviceDate", "2026-11-02T03:04:05Z",
                        "serviceDateRule", "POSTAL_SIGNED", "signedBy", "孙升级", "trackingNumber", "EA123456785CN")));
        assertThat(receipts.find(task)).isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Optional<Receipt>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit((Callable<Optional<Receipt>>) () -> receipts.issue(task)));
            }
            issuer.sweep();
            for (Future<Optional<Receipt>> result : results) {
                result.get(30, TimeUnit.SECONDS).ifPresent(r -> assertThat(r.sha256())
                        .isEqualTo(receipts.find(task).orElseThrow().sha256()));
            }
        } finally {
            pool.shutdownNow();
        }
        issuer.sweep();
        assertThat(issuedEvents(id)).hasSize(1);
        String text = ReceiptDownloads.text(http.receipt(id).body());
        assertThat(text).contains("邮寄送达", "邮件签收之日", "2026年11月2日 09:04:05", "签收人：孙升级", "邮件号：EA123456785CN",
                "postman");
    }

    @Test
    void aConsentReceiptWaitsForTheRecordingThenIssuesSayingItIsNotStored() throws Exception {
        long id = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", "NMG0303",
                "caseNumber", TaskFixtures.newCaseNumber(), "party", TaskFixtures.party("吴等待", "13800006000"),
                "documents", List.of(fixtures.uploadDocument())))).body().get("id").asLong();
        TaskId task = new TaskId(id);
        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);
        CallAttempt call = attempts.open(new CallAttempts.NewAttempt(id, null, null, "pbx-1", "trunk-1",
                "+8613800006000", "node-1", "system"));
        Map<String, Object> consent = new java.util.HashMap<>(call.evidence());
        consent.put("consentDigit", "1");
        consent.put("consentOffsetMs", 4_321);
        tasks.consent(task, "+8613800006000", "system", consent);
        tasks.move(task, TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T05:05:05Z", "serviceDateRule", "MAIL_ACCEPTED"));

        assertThat(receipts.issue(task)).as("the recording of the consent call is not stored yet").isEmpty();
        HttpResponse<byte[]> waiting = http.receipt(id);
        assertThat(waiting.statusCode()).isEqualTo(409);
        assertThat(ReceiptDownloads.body(waiting)).contains("正在生成");
        clock.shift(Duration.ofMinutes(11));   // past serveline.receipts.recording-wait (PT10M)
        try {
            assertThat(receipts.issue(task)).isPresent();
        } finally {
            clock.shift(Duration.ZERO);
        }
        String text = ReceiptDownloads.text(http.receipt(id).body());
        assertThat(text).contains("吴等待", call.id(), "录音SHA-256：录音尚未入库", "同意按键：1", "（4321毫秒）",
                "电子邮件到达受送达人特定系统之日");
        assertThat(issuedEvents(id)).hasSize(1);
    }

    @Test
    void unknownTasksAndCodesAndBadCodesAreRefused() {
        assertThat(http.receipt(99_999_999).statusCode()).isEqualTo(404);
        assertThat(http.receipt(0).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/tasks/1/receipt", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> unknown = http.get("/verify/ABCD-EFGH-JKMN", null, null, "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ReceiptDownloads.body(http.get("/verify/ABCD-EFGH-JKMN", null, null, "text/html")))
                .contains("未找到该核验码");
        HttpResponse<byte[]> malformed = http.get("/verify/0O1I", null, null, "application/json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ReceiptDownloads.body(malformed)).contains("核验码格式不正确");
    }

    private long servedOnNotice(String party) {
        long id = submit(TaskFixtures.newCaseNumber(), party).get("id").asLong();
        TaskId task = new TaskId(id);
        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);
        tasks.move(task, TaskTrigger.CHANNEL_FAILED, "system", null, Map.of());
        tasks.move(task, TaskTrigger.NOTICE_ELAPSED, "system", null, Map.of("channel", "PUBLIC_NOTICE",
                "serviceDate", "2026-10-31T16:00:00Z", "serviceDateRule", "NOTICE_PERIOD_ELAPSED"));
        return id;
    }

    /** No hearing date, no e-mail, one phone; the court without telephone service. */
    private JsonNode submit(String caseNumber, String party) {
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of(
                "court", "POSTONLY", "caseNumber", caseNumber, "cause", "劳动争议",
                "party", TaskFixtures.party(party, "13800009999"), "documents", List.of(fixtures.uploadDocument()))));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body();
    }

    private List<AuditEvent> issuedEvents(long id) {
        return audit.chain("task:" + id).stream().filter(e -> e.action().equals(Receipts.ISSUED)).toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-receipts");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
