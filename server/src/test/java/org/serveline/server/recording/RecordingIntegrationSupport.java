package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.serveline.recordings.storage.RecordingStorage;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.recording.RecordingFixtures.Answer;
import org.serveline.server.recording.RecordingFixtures.Call;
import org.serveline.server.recording.internal.RecordingIngestion;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One application context for the recording API tests: the real ffmpeg, a private schema and a private spool and
 * store, no review sampling (only consent calls are queued), no periodic scan (tests call it).
 */
@ServelineIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_recordings",
    "serveline.recordings.review-sample-rate=0",
    "serveline.recordings.settle-time=PT0S",
    "serveline.recordings.scan-interval=PT1H",
})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class RecordingIntegrationSupport {

    static final Path DIR = tempDir();
    static final Map<String, String> REASON = Map.of("X-Access-Reason", "audit of consent");

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
    RecordingIngestion ingestion;

    @Autowired
    JdbcClient jdbc;

    RecordingFixtures fixtures;

    @BeforeAll
    void setUp() {
        fixtures = new RecordingFixtures(port, attempts, DIR.resolve("spool"));
    }

    @AfterAll
    void tearDown() {
        fixtures.close();
    }

    JsonNode awaitRecording(Call call) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode items = fixtures.get("supervisor", "/api/v1/recordings?taskId=" + call.taskId(), Map.of()).json()
                    .get("items");
            return items.isEmpty() ? null : items.get(0);
        }, item -> item != null);
    }

    JsonNode recording(String id) {
        return fixtures.get("supervisor", "/api/v1/recordings/" + id, Map.of()).json();
    }

    List<String> ids(String query) {
        Answer answer = fixtures.get("supervisor", "/api/v1/recordings?" + query, Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().get("items").findValuesAsString("id");
    }

    List<String> queue() {
        return fixtures.get("supervisor", "/api/v1/recording-reviews/queue", Map.of()).json().findValuesAsString("id");
    }

    List<AuditEvent> events(Call call, String action) {
        return audit.chain("task:" + call.taskId()).stream().filter(e -> e.action().equals(action)).toList();
    }

    AuditEvent event(Call call, String action) {
        List<AuditEvent> events = events(call, action);
        assertThat(events).as(action).hasSize(1);
        return events.getFirst();
    }

    static Map<String, String> with(String header, String value) {
        return Map.of("X-Access-Reason", "audit of consent", header, value);
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-recordings-it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
