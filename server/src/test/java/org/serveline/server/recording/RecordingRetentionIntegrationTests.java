package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.recording.RecordingFixtures.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.retention.RecordingExpired;
import org.serveline.recordings.storage.RecordingStorage;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.RecordingFixtures.Call;
import org.serveline.server.recording.internal.RecordingRetention;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retention over real stored recordings: copies and originals expire on their own periods, each removal is an audit
 * event on the "recordings" chain, and a legal hold keeps a recording whole. Private schema and store.
 */
@ServelineIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_recording_retention",
    "serveline.recordings.retain-copies=P30D",
    "serveline.recordings.retain-originals=P3650D",
    "serveline.recordings.retention-interval=PT1H",
})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordingRetentionIntegrationTests {

    private static final Path DIR = tempDir();
    private static final Map<String, String> REASON = Map.of("X-Access-Reason", "retention check");

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("serveline.recordings.spool-dir", () -> DIR.resolve("spool").toString());
        registry.add("serveline.recordings.store-root", () -> DIR.resolve("store").toString());
        registry.add("serveline.recordings.work-dir", () -> DIR.resolve("work").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CallAttempts attempts;

    @Autowired
    AuditTrail audit;

    @Autowired
    RecordingStorage storage;

    @Autowired
    RecordingRetention retention;

    RecordingFixtures fixtures;

    @BeforeAll
    void setUp() {
        fixtures = new RecordingFixtures(port, attempts, DIR.resolve("spool"));
    }

    @AfterAll
    void tearDown() {
        fixtures.close();
    }

    @Test
    void copiesThenOriginalsExpireAuditedWhileALegalHoldKeepsItsRecordingWhole() {
        // two recordings of different bytes, so neither shares objects with the other
        byte[] sample = RecordingFixtures.sampleBytes();
        byte[] other = sample.clone();
        java.util.Arrays.fill(other, 4000, 12000, (byte) 0);
        Call held = call(sample);
        Call free = call(other);
        JsonNode heldItem = awaitRecording(held);
        JsonNode freeItem = awaitRecording(free);
        assertThat(heldItem.get("copySha256").asString()).isNotEqualTo(freeItem.get("copySha256").asString());
        String heldId = heldItem.get("id").asString();
        String freeId = freeItem.get("id").asString();
        assertThat(fixtures.post("supervisor", "/api/v1/recordings/" + heldId + "/legal-hold",
                Map.of("reason", "appeal pending")).status()).isEqualTo(200);

        assertThat(retention.expireAt(Instant.now())).as("nothing is due yet").isEmpty();

        List<RecordingExpired> copies = retention.expireAt(Instant.now().plus(Duration.ofDays(31)));
        assertThat(copies).extracting(e -> e.attemptId().value()).containsExactly(free.attemptId());
        assertThat(storage.exists(ContentAddress.parse(freeItem.get("copySha256").asString()))).isFalse();
        assertThat(storage.exists(ContentAddress.parse(freeItem.get("sha256").asString()))).isTrue();
        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + freeId + "/audio", REASON), 410,
                "removed by retention");
        assertThat(fixtures.get("supervisor", "/api/v1/recordings/" + freeId + "/original", REASON).body())
                .isEqualTo(other);

        List<RecordingExpired> originals = retention.expireAt(Instant.now().plus(Duration.ofDays(3651)));
        assertThat(originals).extracting(e -> e.attemptId().value()).containsExactly(free.attemptId());
        assertThat(storage.exists(ContentAddress.parse(freeItem.get("sha256").asString()))).isFalse();
        JsonNode expired = fixtures.get("supervisor", "/api/v1/recordings/" + freeId, Map.of()).json();
        assertThat(expired.get("originalRemovedAt").isNull()).isFalse();
        assertThat(expired.get("copyRemovedAt").isNull()).isFalse();
        assertThat(expired.get("sha256").asString()).as("the row keeps what was stored")
                .isEqualTo(freeItem.get("sha256").asString());

        List<AuditEvent> events = audit.chain("recordings").stream()
                .filter(e -> e.action().equals("RECORDING_EXPIRED")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).details()).contains(freeItem.get("copySha256").asString(), "COPY", freeId);
        assertThat(events.get(1).details()).contains(freeItem.get("sha256").asString(), "ORIGINAL", freeId);

        assertThat(fixtures.get("operator", "/api/v1/recordings/" + heldId + "/audio", REASON).status())
                .isEqualTo(200);
        assertThat(fixtures.get("supervisor", "/api/v1/recordings/" + heldId + "/original", REASON).body())
                .isEqualTo(sample);

        assertThat(fixtures.delete("supervisor", "/api/v1/recordings/" + heldId + "/legal-hold",
                Map.of("X-Access-Reason", "appeal decided")).status()).isEqualTo(200);
        assertThat(retention.expireAt(Instant.now().plus(Duration.ofDays(3651))))
                .extracting(e -> e.attemptId().value()).containsOnly(held.attemptId()).hasSize(2);
    }

    private Call call(byte[] content) {
        Call call = fixtures.dialling("operator");
        fixtures.spool(call, content);
        fixtures.settleAnswered(call, CallOutcome.CONSENTED, Duration.ofMillis(500));
        return call;
    }

    private JsonNode awaitRecording(Call call) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode items = fixtures.get("supervisor", "/api/v1/recordings?taskId=" + call.taskId(), Map.of()).json()
                    .get("items");
            return items.isEmpty() ? null : items.get(0);
        }, item -> item != null);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-retention-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
