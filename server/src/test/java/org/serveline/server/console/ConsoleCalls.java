package org.serveline.server.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.server.testsupport.TaskFixtures;
import tools.jackson.databind.JsonNode;

/**
 * Test helper for the console screens: approved tasks for the operators' line, and recorded consent calls made as the
 * recording tests make them (an attempt settled through {@link CallAttempts}, the real Asterisk sample in the spool,
 * ingested with the real ffmpeg).
 */
final class ConsoleCalls {

    /** A recorded call and its links. */
    record Recorded(long taskId, String caseNumber, String attemptId, String recordingId) {
    }

    private final TaskFixtures fixtures;
    private final CallAttempts attempts;
    private final Path spool;

    ConsoleCalls(int port, CallAttempts attempts, Path spool) {
        this.fixtures = new TaskFixtures(port);
        this.attempts = attempts;
        this.spool = spool;
    }

    /** A submitted and approved task; its case number and party as {@link TaskFixtures#submitTask()} makes them. */
    JsonNode approvedTask() {
        JsonNode task = fixtures.submitTask();
        fixtures.review(task.get("id").asLong(), "APPROVE", null);
        return task;
    }

    /** A consent call by {@code operator}, recorded, settled and ingested (awaited through the API). */
    Recorded consentCall(String operator) {
        JsonNode task = fixtures.submitTask();
        long taskId = task.get("id").asLong();
        CallAttempt attempt = attempts.open(new CallAttempts.NewAttempt(taskId, null, operator, "pbx-test",
                "trunk-test", "+8613800138000", "node-test", "test"));
        spool(attempt.id());
        Instant answered = Instant.now().minusSeconds(30);
        attempts.recordNoticeHeard(new NoticeHeard(attempt.id(), CallOutcome.CONSENTED, "1", Duration.ofMillis(1200),
                "notice-v1.zh@test", null, "test"));
        attempts.recordCallEnded(new CallEnded(attempt.id(), null, answered, Instant.now(), "test hangup"));
        JsonNode recording = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode items = fixtures.supervisor.get("/api/v1/recordings?taskId=" + taskId).body().get("items");
            return items.isEmpty() ? null : items.get(0);
        }, item -> item != null);
        return new Recorded(taskId, task.get("caseNumber").asString(), attempt.id(), recording.get("id").asString());
    }

    /** The ids of a task's call attempts. */
    List<String> attempts(long taskId) {
        List<String> ids = new ArrayList<>();
        fixtures.clerk.get("/api/v1/tasks/" + taskId).body().get("attempts").forEach(a -> ids.add(a.get("id").asString()));
        return ids;
    }

    /** The actions of a task's audit chain, as a clerk sees its timeline. */
    List<String> timelineActions(long taskId) {
        return fixtures.clerk.get("/api/v1/tasks/" + taskId + "/timeline").body().findValuesAsString("action");
    }

    /** Moves the real sample into the spool as the PBX's MixMonitor leaves it: {@code <attemptId>.wav}. */
    private void spool(String attemptId) {
        Path sample = Path.of(System.getProperty("serveline.fixtures", "/work/shared/fixtures/asterisk"))
                .resolve("recording-sample.wav");
        try {
            Files.createDirectories(spool);
            Path tmp = Files.copy(sample, spool.resolve("." + attemptId + ".tmp"));
            Files.move(tmp, spool.resolve(attemptId + ".wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
