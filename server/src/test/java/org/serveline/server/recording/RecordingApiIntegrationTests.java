package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.recording.RecordingFixtures.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.recordings.ContentAddress;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.RecordingFixtures.Answer;
import org.serveline.server.recording.RecordingFixtures.Call;
import tools.jackson.databind.JsonNode;

/**
 * Recordings end to end with the real ffmpeg and the real Asterisk sample: ingested when the call settles (or by the
 * spool scan), linked to attempt, task and case, listed with its SHA-256, streamed with Range, every access audited,
 * nothing outside the store ever served.
 */
class RecordingApiIntegrationTests extends RecordingIntegrationSupport {

    @Test
    void aConsentCallIsIngestedLinkedAndListedWithTheSha256OfTheOriginal() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(2300));

        JsonNode item = awaitRecording(call);

        String sha256 = RecordingFixtures.sha256(RecordingFixtures.sampleBytes());
        assertThat(item.get("sha256").asString()).isEqualTo(sha256);
        assertThat(item.get("attemptId").asString()).isEqualTo(call.attemptId());
        assertThat(item.get("taskId").asLong()).isEqualTo(call.taskId());
        assertThat(item.get("caseNumber").asString()).isEqualTo(call.caseNumber());
        assertThat(item.get("operator").asString()).isEqualTo("operator");
        assertThat(item.get("outcome").asString()).isEqualTo("CONSENTED");
        assertThat(item.get("consentOffsetMs").asLong()).isEqualTo(2300);
        assertThat(item.get("consentCall").asBoolean()).isTrue();
        assertThat(item.get("auditStatus").asString()).isEqualTo("IN_QUEUE");
        assertThat(item.get("sampleRate").asInt()).isEqualTo(8000);
        assertThat(item.get("durationMs").asLong()).isPositive();
        assertThat(item.get("size").asLong()).isEqualTo(RecordingFixtures.sampleBytes().length);
        assertThat(DIR.resolve("spool").resolve(call.attemptId() + ".wav")).doesNotExist();
        try (InputStream original = storage.get(ContentAddress.parse(sha256))) {
            assertThat(original.readAllBytes()).isEqualTo(RecordingFixtures.sampleBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        AuditEvent stored = event(call, "RECORDING_STORED");
        assertThat(stored.details()).contains(sha256, item.get("id").asString(), call.attemptId());
        assertThat(stored.actor()).isEqualTo("recordings");

        JsonNode byId = fixtures.get("operator", "/api/v1/recordings/" + item.get("id").asString(), Map.of()).json();
        assertThat(byId.get("sha256").asString()).isEqualTo(sha256);
    }

    @Test
    void theListFiltersByCaseTaskOperatorOutcomeAuditStatusAndDate() {
        Call mine = fixtures.consentCall("operator2", Duration.ofMillis(1500));
        String id = awaitRecording(mine).get("id").asString();
        String stored = fixtures.get("supervisor", "/api/v1/recordings/" + id, Map.of()).json().get("storedAt")
                .asString();

        assertThat(ids("caseNumber=" + enc(mine.caseNumber()))).containsExactly(id);
        assertThat(ids("taskId=" + mine.taskId() + "&operator=operator2&outcome=CONSENTED&auditStatus=IN_QUEUE"))
                .containsExactly(id);
        assertThat(ids("taskId=" + mine.taskId() + "&operator=operator")).isEmpty();
        assertThat(ids("taskId=" + mine.taskId() + "&outcome=REFUSED")).isEmpty();
        assertThat(ids("taskId=" + mine.taskId() + "&auditStatus=OK")).isEmpty();
        assertThat(ids("taskId=" + mine.taskId() + "&from=" + stored)).containsExactly(id);
        assertThat(ids("taskId=" + mine.taskId() + "&to=" + stored)).isEmpty();

        JsonNode page = fixtures.get("supervisor", "/api/v1/recordings?size=1&page=0", Map.of()).json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void badListParametersAreRefused() {
        assertProblem(fixtures.get("supervisor", "/api/v1/recordings?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                Map.of()), 400, "must be before");
        assertProblem(fixtures.get("supervisor", "/api/v1/recordings?auditStatus=MAYBE", Map.of()), 400, "auditStatus");
        assertProblem(fixtures.get("supervisor", "/api/v1/recordings?outcome=WHATEVER", Map.of()), 400, "outcome");
        assertProblem(fixtures.get("supervisor", "/api/v1/recordings?from=yesterday", Map.of()), 400, "from");
        assertThat(fixtures.get("supervisor", "/api/v1/recordings?size=0", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void theOpusCopyIsStreamedWholeAndByRange() throws IOException {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        JsonNode item = awaitRecording(call);
        String path = "/api/v1/recordings/" + item.get("id").asString() + "/audio";
        byte[] copy;
        try (InputStream in = storage.get(ContentAddress.parse(item.get("copySha256").asString()))) {
            copy = in.readAllBytes();
        }
        assertThat(RecordingFixtures.sha256(copy)).isEqualTo(item.get("copySha256").asString());

        Answer whole = fixtures.get("operator", path, REASON);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Type")).startsWith("audio/ogg");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.body()).isEqualTo(copy);
        assertThat(Arrays.copyOf(whole.body(), 4)).asString().isEqualTo("OggS");

        Answer head = fixtures.get("operator", path, with("Range", "bytes=0-99"));
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Range")).isEqualTo("bytes 0-99/" + copy.length);
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(copy, 0, 100));

        Answer middle = fixtures.get("operator", path, with("Range", "bytes=100-"));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(copy, 100, copy.length));

        Answer tail = fixtures.get("operator", path, with("Range", "bytes=-50"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.header("Content-Range")).isEqualTo("bytes " + (copy.length - 50) + "-" + (copy.length - 1)
                + "/" + copy.length);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(copy, copy.length - 50, copy.length));

        AuditEvent accessed = events(call, "RECORDING_ACCESSED").stream()
                .filter(e -> e.details().contains("bytes=0-99")).findFirst().orElseThrow();
        assertThat(accessed.actor()).isEqualTo("operator");
        assertThat(accessed.details()).contains("audit of consent", "copy", item.get("id").asString());
        assertThat(events(call, "RECORDING_ACCESSED")).hasSize(4);
    }

    @Test
    void anUnsatisfiableOrMalformedRangeIs416() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        JsonNode item = awaitRecording(call);
        String path = "/api/v1/recordings/" + item.get("id").asString() + "/audio";
        long size = item.get("copySize").asLong();

        Answer past = fixtures.get("operator", path, with("Range", "bytes=" + size + "-"));
        assertProblem(past, 416, "outside");
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + size);
        assertProblem(fixtures.get("operator", path, with("Range", "bytes=abc")), 416, "malformed");
        assertProblem(fixtures.get("operator", path, with("Range", "bytes=0-1,5-9")), 416, "one byte range");
        assertProblem(fixtures.get("operator", path, with("Range", "items=0-5")), 416, "malformed");
        assertThat(events(call, "RECORDING_ACCESSED")).isEmpty();
    }

    @Test
    void theOriginalIsForSupervisorsOnly() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        String path = "/api/v1/recordings/" + awaitRecording(call).get("id").asString() + "/original";

        Answer original = fixtures.get("supervisor", path, REASON);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).startsWith("audio/wav");
        assertThat(original.header("Content-Disposition")).contains(call.attemptId() + ".wav");
        assertThat(original.body()).isEqualTo(RecordingFixtures.sampleBytes());

        assertProblem(fixtures.get("operator", path, REASON), 403, "role");
        assertProblem(fixtures.get("reviewer", path, REASON), 403, "role");
        assertThat(fixtures.get("clerk", "/api/v1/recordings/" + awaitRecording(call).get("id").asString() + "/audio",
                REASON).status()).isEqualTo(403);
        assertThat(events(call, "RECORDING_ACCESSED")).hasSize(1).first()
                .satisfies(e -> assertThat(e.details()).contains("original", "audit of consent"));
    }

    @Test
    void everyAccessStatesAReason() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        String path = "/api/v1/recordings/" + awaitRecording(call).get("id").asString();

        assertProblem(fixtures.get("operator", path + "/audio", Map.of()), 400, "X-Access-Reason");
        assertProblem(fixtures.get("supervisor", path + "/original", Map.of()), 400, "X-Access-Reason");
        assertProblem(fixtures.get("operator", path + "/audio?reason=%20%20", Map.of()), 400, "X-Access-Reason");
        assertProblem(fixtures.get("operator", path + "/audio?reason=" + "x".repeat(501), Map.of()), 400,
                "at most 500");
        assertProblem(fixtures.get("operator", path + "/audio", Map.of("X-Access-Reason", "%E4%ZZ")), 400,
                "percent-encoded");
        assertThat(events(call, "RECORDING_ACCESSED")).isEmpty();

        assertThat(fixtures.get("operator", path + "/audio?reason=" + enc("当事人异议复核"), Map.of()).status())
                .isEqualTo(200);
        assertThat(fixtures.get("operator", path + "/audio", Map.of("X-Access-Reason", enc("法官调取")))
                .status()).isEqualTo(200);
        assertThat(events(call, "RECORDING_ACCESSED")).extracting(AuditEvent::details)
                .anySatisfy(d -> assertThat(d).contains("当事人异议复核"))
                .anySatisfy(d -> assertThat(d).contains("法官调取"));
    }

    @Test
    void unknownIdsAre404AndPathsInIdsAre400() {
        String unknown = "/api/v1/recordings/00000000-0000-0000-0000-000000000000";
        assertProblem(fixtures.get("operator", unknown, Map.of()), 404, "no recording");
        assertProblem(fixtures.get("operator", unknown + "/audio", REASON), 404, "no recording");
        assertProblem(fixtures.get("supervisor", unknown + "/original", REASON), 404, "no recording");
        assertProblem(fixtures.get("operator", "/api/v1/recordings/a..b/audio", REASON), 400, "not a path");
        assertThat(fixtures.get("operator", "/api/v1/recordings/..", Map.of()).status()).isEqualTo(400);

        for (String trick : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "..%5C..%5Cetc%5Cpasswd", "..;/..;/etc/passwd", "%252E%252E%252Fetc%252Fpasswd")) {
            Answer answer = fixtures.get("supervisor", "/api/v1/recordings/" + trick + "/original", REASON);
            assertThat(answer.status()).as(trick).isEqualTo(400);
            assertThat(answer.text()).as(trick).doesNotContain("root:");
        }
        Answer dotted = fixtures.get("supervisor", "/api/v1/recordings/../../../../etc/passwd", REASON);
        assertThat(dotted.status()).isEqualTo(400);
        assertThat(dotted.text()).doesNotContain("root:");
    }

    @Test
    void noFileOutsideTheStoreIsServedEvenIfTheRowIsTamperedWith() throws IOException {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        String id = awaitRecording(call).get("id").asString();
        Path secret = Files.writeString(DIR.resolve("secret.txt"), "not evidence");
        String relative = DIR.resolve("store").relativize(secret).toString();
        jdbc.sql("UPDATE recording SET copy_sha256 = :path, sha256 = :abs WHERE id = :id")
                .param("path", relative).param("abs", "/etc/passwd").param("id", id).update();

        Answer copy = fixtures.get("operator", "/api/v1/recordings/" + id + "/audio", REASON);
        assertProblem(copy, 500, "no valid content address");
        assertThat(copy.text()).doesNotContain("not evidence");
        Answer original = fixtures.get("supervisor", "/api/v1/recordings/" + id + "/original", REASON);
        assertProblem(original, 500, "no valid content address");
        assertThat(original.text()).doesNotContain("root:");

        jdbc.sql("UPDATE recording SET copy_sha256 = :sha WHERE id = :id")
                .param("sha", RecordingFixtures.sha256("not stored".getBytes())).param("id", id).update();
        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + id + "/audio", REASON), 410,
                "not in the store");
        assertThat(events(call, "RECORDING_ACCESSED")).isEmpty();
    }

    @Test
    void aRejectedRecordingIsQuarantinedAndAudited() throws IOException {
        Call call = fixtures.dialling("operator");
        fixtures.spool(call, "RIFF this is not a wav file at all".getBytes());
        fixtures.settleAnswered(call, CallOutcome.REFUSED, Duration.ofMillis(700));

        AuditEvent rejected = await().atMost(Duration.ofSeconds(60)).until(
                () -> events(call, "RECORDING_REJECTED"), list -> !list.isEmpty()).getFirst();
        assertThat(rejected.details()).contains(call.attemptId(), "quarantine");
        assertThat(DIR.resolve("spool").resolve(call.attemptId() + ".wav")).doesNotExist();
        try (var quarantined = Files.list(DIR.resolve("work").resolve("quarantine"))) {
            assertThat(quarantined.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(call.attemptId()));
        }
        assertThat(ids("taskId=" + call.taskId())).isEmpty();
    }

    @Test
    void theScanIngestsWhatNobodyClaimedAndTheSettleLinksIt() {
        Call call = fixtures.dialling("operator");
        fixtures.spool(call, RecordingFixtures.sampleBytes());

        ingestion.scan();

        assertThat(DIR.resolve("spool").resolve(call.attemptId() + ".wav")).as("ingested by the scan").doesNotExist();
        assertThat(storage.exists(ContentAddress.parse(RecordingFixtures.sha256(RecordingFixtures.sampleBytes()))))
                .isTrue();
        assertThat(ids("taskId=" + call.taskId())).as("not linked before the attempt settles").isEmpty();

        fixtures.settleAnswered(call, CallOutcome.REFUSED, Duration.ofMillis(700));

        JsonNode item = awaitRecording(call);
        assertThat(item.get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(item.get("consentCall").asBoolean()).isFalse();
        assertThat(item.path("consentOffsetMs").isNumber()).as("a refusal's key is no consent offset").isFalse();
        assertThat(item.get("auditStatus").asString()).as("sample rate 0: not drawn").isEqualTo("UNREVIEWED");
        ingestion.scan();
        ingestion.ingest(call.attemptId());
        assertThat(events(call, "RECORDING_STORED")).hasSize(1);
    }

    @Test
    void aRecordingNoAttemptClaimsIsStoredAndAuditedAndABadlyNamedFileIsLeftAlone() throws IOException {
        String stranger = java.util.UUID.randomUUID().toString();
        Path spool = Files.createDirectories(DIR.resolve("spool"));
        Files.write(spool.resolve(stranger + ".wav"), RecordingFixtures.sampleBytes());
        Path badName = Files.write(spool.resolve("no attempt; rm -rf.wav"), RecordingFixtures.sampleBytes());

        ingestion.scan();

        assertThat(spool.resolve(stranger + ".wav")).doesNotExist();
        assertThat(audit.chain("recordings")).filteredOn(e -> e.action().equals("RECORDING_UNLINKED"))
                .anySatisfy(e -> assertThat(e.details()).contains(stranger,
                        RecordingFixtures.sha256(RecordingFixtures.sampleBytes())));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM recording WHERE attempt_id = :id").param("id", stranger)
                .query(Long.class).single()).isZero();
        assertThat(badName).exists();
        Files.delete(badName);
    }
}
