package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serveline.server.recording.RecordingFixtures.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.RecordingFixtures.Answer;
import org.serveline.server.recording.RecordingFixtures.Call;
import tools.jackson.databind.JsonNode;

/** The supervisors' audit: the review queue, verdicts kept as versions, legal holds. */
class RecordingReviewIntegrationTests extends RecordingIntegrationSupport {

    @Test
    void theDatabaseRefusesToChangeOrRemoveAVerdict() {
        Call consent = fixtures.consentCall("operator", Duration.ofMillis(900));
        String id = awaitRecording(consent).get("id").asString();
        Answer verdict = fixtures.post("supervisor", "/api/v1/recordings/" + id + "/reviews", Map.of("verdict", "OK",
                "notes", "同意清楚", "comments", List.of()));
        assertThat(verdict.status()).as(verdict.text()).isEqualTo(201);

        assertThatThrownBy(() -> jdbc.sql("UPDATE recording_review SET verdict = 'FLAGGED' WHERE recording_id = :id")
                .param("id", id).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM recording_review WHERE recording_id = :id").param("id", id)
                .update()).hasMessageContaining("append-only");

        JsonNode versions = fixtures.get("supervisor", "/api/v1/recordings/" + id + "/reviews", Map.of()).json();
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("verdict").asString()).isEqualTo("OK");
        assertThat(versions.get(0).get("notes").asString()).isEqualTo("同意清楚");
    }

    @Test
    void theReviewQueueHoldsConsentCallsAndAVerdictIsAmendedNeverChanged() {
        Call consent = fixtures.consentCall("operator", Duration.ofMillis(1200));
        String id = awaitRecording(consent).get("id").asString();
        Call refused = fixtures.dialling("operator");
        fixtures.spool(refused, RecordingFixtures.sampleBytes());
        fixtures.settleAnswered(refused, CallOutcome.REFUSED, Duration.ofMillis(400));
        String refusedId = awaitRecording(refused).get("id").asString();

        assertThat(queue()).contains(id).doesNotContain(refusedId);
        assertProblem(fixtures.get("operator", "/api/v1/recording-reviews/queue", Map.of()), 403, "role");

        Answer first = fixtures.post("supervisor", "/api/v1/recordings/" + id + "/reviews", Map.of("verdict", "OK",
                "notes", "consent clear", "comments", List.of(Map.of("offsetMs", 1200, "text", "按键1"))));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.header("Location")).endsWith("/api/v1/recordings/" + id + "/reviews");
        assertThat(recording(id).get("auditStatus").asString()).isEqualTo("OK");
        assertThat(queue()).doesNotContain(id);

        Answer amended = fixtures.post("supervisor", "/api/v1/recordings/" + id + "/reviews", Map.of("verdict",
                "FLAGGED", "notes", "the notice was cut short", "comments", List.of()));
        assertThat(amended.status()).isEqualTo(201);
        assertThat(amended.json().get("version").asInt()).isEqualTo(2);
        assertThat(recording(id).get("auditStatus").asString()).isEqualTo("FLAGGED");
        assertThat(queue()).contains(id);

        JsonNode versions = fixtures.get("operator", "/api/v1/recordings/" + id + "/reviews", Map.of()).json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("verdict").asString()).isEqualTo("OK");
        assertThat(versions.get(0).get("notes").asString()).isEqualTo("consent clear");
        assertThat(versions.get(0).get("comments").get(0).get("offsetMs").asLong()).isEqualTo(1200);
        assertThat(versions.get(0).get("comments").get(0).get("text").asString()).isEqualTo("按键1");
        assertThat(versions.get(0).get("reviewer").asString()).isEqualTo("supervisor");
        assertThat(versions.get(1).get("verdict").asString()).isEqualTo("FLAGGED");

        assertThat(events(consent, "RECORDING_REVIEWED")).hasSize(1);
        assertThat(events(consent, "RECORDING_REVIEW_AMENDED")).hasSize(1).first()
                .satisfies(e -> assertThat(e.details()).contains("\"version\":2", "FLAGGED"));
    }

    @Test
    void badVerdictsAreRefused() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        JsonNode item = awaitRecording(call);
        String reviews = "/api/v1/recordings/" + item.get("id").asString() + "/reviews";

        assertProblem(fixtures.post("supervisor", reviews, Map.of("notes", "no verdict")), 400, "1 field(s)");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "MAYBE")), 400, "MAYBE");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "OK", "mood", "happy")), 400, "mood");
        assertProblem(fixtures.post("supervisor", reviews, "{\"verdict\":"), 400, "malformed JSON");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "OK",
                "comments", List.of(Map.of("offsetMs", -1, "text", "before the start")))), 400, "field");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "OK",
                "comments", List.of(Map.of("offsetMs", 10, "text", " ")))), 400, "field");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "OK", "comments", List.of(Map.of(
                "offsetMs", item.get("durationMs").asLong() + 1, "text", "after the end")))), 400, "past the end");
        assertProblem(fixtures.post("supervisor", reviews, Map.of("verdict", "OK", "notes", "n".repeat(4001))), 400,
                "field");
        assertProblem(fixtures.post("operator", reviews, Map.of("verdict", "OK")), 403, "role");
        assertProblem(fixtures.post("supervisor", "/api/v1/recordings/00000000-0000-0000-0000-000000000000/reviews",
                Map.of("verdict", "OK")), 404, "no recording");
        assertProblem(fixtures.post("supervisor", "/api/v1/recordings/a..b/reviews", Map.of("verdict", "OK")), 400,
                "not a path");

        assertThat(fixtures.get("supervisor", reviews, Map.of()).json()).isEmpty();
        assertThat(events(call, "RECORDING_REVIEWED")).isEmpty();
    }

    @Test
    void aLegalHoldIsPlacedAndReleasedBySupervisorsWithAReason() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(900));
        String hold = "/api/v1/recordings/" + awaitRecording(call).get("id").asString() + "/legal-hold";

        assertProblem(fixtures.post("supervisor", hold, Map.of()), 400, "field");
        assertProblem(fixtures.post("supervisor", hold, Map.of("reason", "")), 400, "field");
        assertProblem(fixtures.post("operator", hold, Map.of("reason", "appeal")), 403, "role");
        assertProblem(fixtures.post("supervisor", "/api/v1/recordings/00000000-0000-0000-0000-000000000000/legal-hold",
                Map.of("reason", "appeal")), 404, "no recording");

        Answer placed = fixtures.post("supervisor", hold, Map.of("reason", "appeal (2026)民终12号"));
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        assertThat(placed.json().get("legalHold").asBoolean()).isTrue();
        assertThat(placed.json().get("legalHoldReason").asString()).isEqualTo("appeal (2026)民终12号");
        assertThat(DIR.resolve("work").resolve("holds").resolve(call.attemptId() + ".hold")).exists();

        assertProblem(fixtures.delete("supervisor", hold, Map.of()), 400, "X-Access-Reason");
        assertProblem(fixtures.delete("operator", hold, REASON), 403, "role");
        Answer released = fixtures.delete("supervisor", hold, Map.of("X-Access-Reason", "appeal decided"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("legalHold").asBoolean()).isFalse();
        assertThat(DIR.resolve("work").resolve("holds").resolve(call.attemptId() + ".hold")).doesNotExist();
        assertProblem(fixtures.delete("supervisor", hold, REASON), 409, "not on legal hold");

        assertThat(events(call, "LEGAL_HOLD_PLACED")).hasSize(1).first()
                .satisfies(e -> assertThat(e.details()).contains("appeal (2026)民终12号"));
        assertThat(events(call, "LEGAL_HOLD_RELEASED")).hasSize(1).first()
                .satisfies(e -> assertThat(e.details()).contains("appeal decided"));
    }
}
