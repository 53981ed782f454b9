package org.serveline.server.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditVerifier;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.server.receipt.internal.ReceiptReadiness;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.recording.internal.RecordingIngestion;
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
import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * A party served electronically after consenting on a call whose recording is not stored yet: the receipt issuer
 * finds the task waiting in its one shared read and opens no transaction for it (neither after SERVED nor on the
 * sweep); when the recording is stored, its event brings the receipt at once (the sweep is an hour away), citing the
 * recording's SHA-256. Real ffmpeg and the real Asterisk sample; private schema, spool, store and receipt folder.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_receipt_wait",
    "serveline.receipts.sweep-interval=PT1H",
    "serveline.recordings.scan-interval=PT1H",
    "serveline.recordings.settle-time=PT0S",
    "serveline.recordings.review-sample-rate=0",
})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReceiptWaitsForRecordingIntegrationTests {

    static final Path DIR = tempDir();

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("serveline.receipts.root", () -> DIR.resolve("receipts").toString());
        registry.add("serveline.recordings.spool-dir", () -> DIR.resolve("spool").toString());
        registry.add("serveline.recordings.store-root", () -> DIR.resolve("store").toString());
        registry.add("serveline.recordings.work-dir", () -> DIR.resolve("work").toString());
    }

    /** Counts the transactions {@link Receipts#issue} begins. */
    static final class IssueTransactions implements TransactionExecutionListener {
        final AtomicInteger begun = new AtomicInteger();

        @Override
        public void beforeBegin(TransactionExecution transaction) {
            if (transaction.getTransactionName().endsWith("Receipts.issue")) {
                begun.incrementAndGet();
            }
        }
    }

    static final IssueTransactions ISSUE_TRANSACTIONS = new IssueTransactions();

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    CallAttempts attempts;

    @Autowired
    Receipts receipts;

    @Autowired
    ReceiptIssuer issuer;

    @Autowired
    ReceiptReadiness readiness;

    @Autowired
    ReceiptProperties properties;

    @Autowired
    RecordingIngestion ingestion;

    @Autowired
    Recordings recordings;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void countIssueTransactions() {
        ConfigurableTransactionManager manager = (ConfigurableTransactionManager) transactionManager;
        if (!manager.getTransactionExecutionListeners().contains(ISSUE_TRANSACTIONS)) {
            manager.addListener(ISSUE_TRANSACTIONS);
        }
    }

    @Test
    void aReceiptWaitingForItsRecordingCostsNoTransactionAndIsIssuedWhenTheRecordingIsStored() throws Exception {
        TaskFixtures fixtures = new TaskFixtures(port);
        String caseNumber = TaskFixtures.newCaseNumber();
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of(
                "court", "NMG0303", "caseNumber", caseNumber, "cause", "买卖合同纠纷",
                "party", TaskFixtures.party("周录音", "13800006200"), "documents", List.of(fixtures.uploadDocument()))));
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        TaskId task = new TaskId(id);
        tasks.move(task, TaskTrigger.APPROVE, "reviewer", null);
        tasks.move(task, TaskTrigger.DISPATCH, "system", null);
        CallAttempt call = attempts.open(new CallAttempts.NewAttempt(id, null, null, "pbx-test", "trunk-test",
                "+8613800006200", "node-test", "test"));
        // the party consents and hangs up: the call settles (the task moves ELECTRONIC), its recording not yet stored
        attempts.recordNoticeHeard(new NoticeHeard(call.id(), CallOutcome.CONSENTED, "1", Duration.ofMillis(4_321),
                "notice-v1.zh@test", null, "test"));
        attempts.recordCallEnded(new CallEnded(call.id(), null, Instant.now().minusSeconds(30), Instant.now(),
                "test hangup"));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.get(task).state().name(), "ELECTRONIC"::equals);
        int before = ISSUE_TRANSACTIONS.begun.get();
        tasks.move(task, TaskTrigger.DELIVERED, "system", null, Map.of("channel", "ELECTRONIC",
                "serviceDate", "2026-11-30T05:05:05Z", "serviceDateRule", "SMSC_DELIVERED",
                "address", "+8613800006200", "deliveryReceipt", "stat:DELIVRD"));

        assertThat(readiness.of(List.of(id), properties.recordingWait(), Instant.now()))
                .extracting(ReceiptReadiness.Check::status).containsExactly(ReceiptReadiness.Status.WAITS_FOR_RECORDING);
        issuer.issueReady(List.of(id));
        issuer.sweep();
        assertThat(receipts.find(task)).isEmpty();
        assertThat(ISSUE_TRANSACTIONS.begun.get()).as("no transaction for a receipt that waits").isEqualTo(before);

        Files.createDirectories(DIR.resolve("spool"));
        Files.copy(sample(), DIR.resolve("spool").resolve(call.id() + ".wav"));
        ingestion.ingest(call.id());
        Recording recording = recordings.ofAttempt(call.id()).orElseThrow();

        Receipt receipt = await().atMost(Duration.ofSeconds(60)).until(() -> receipts.find(task),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(ISSUE_TRANSACTIONS.begun.get()).as("one transaction: the one that issued it").isEqualTo(before + 1);
        assertThat(readiness.of(List.of(id), properties.recordingWait(), Instant.now()))
                .extracting(ReceiptReadiness.Check::status).containsExactly(ReceiptReadiness.Status.ISSUED);
        String text = ReceiptDownloads.text(receipts.read(receipt).bytes());
        assertThat(text).contains(caseNumber, "周录音", recording.sha256(), call.id(), "同意按键：1");
        assertThat(verifier.verify(task.auditChain()).valid()).isTrue();
    }

    @Test
    void tasksThatAreNotServedOrAlreadyHaveAReceiptAreNotReady() {
        TaskFixtures fixtures = new TaskFixtures(port);
        long submitted = fixtures.submitTask().get("id").asLong();
        assertThat(readiness.of(List.of(submitted, 99_999_999L), properties.recordingWait(), Instant.now()))
                .as("an unknown task is left out").extracting(ReceiptReadiness.Check::status)
                .containsExactly(ReceiptReadiness.Status.NOT_SERVED);
        assertThat(readiness.of(List.of(), properties.recordingWait(), Instant.now())).isEmpty();
    }

    private static Path sample() {
        return Path.of(System.getProperty("serveline.fixtures", "/work/shared/fixtures/asterisk"))
                .resolve("recording-sample.wav");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-receipt-wait");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
