package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.recording.RecordingFixtures.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.recordings.ContentAddress;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.recording.RecordingFixtures.Answer;
import org.serveline.server.recording.RecordingFixtures.Call;
import tools.jackson.databind.JsonNode;

/**
 * The player's way to a recording over real HTTP (ADR 0022): a reason stated once gives an access id; the audio
 * requests that name it are served with Range, and the first one served is the one audit event of that listening.
 * Another person's, an unknown or an expired id is refused; so is a grant without a reason.
 */
class RecordingAccessGrantIntegrationTests extends RecordingIntegrationSupport {

    @Test
    void aGrantStreamsTheCopyWholeAndByRangeAndIsAuditedOncePerListening() throws IOException {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(1200));
        JsonNode item = awaitRecording(call);
        String id = item.get("id").asString();
        byte[] copy;
        try (InputStream in = storage.get(ContentAddress.parse(item.get("copySha256").asString()))) {
            copy = in.readAllBytes();
        }

        JsonNode grant = grant("operator", id, "核对同意 audit of consent");
        String audio = grant.get("audio").asString();
        assertThat(audio).isEqualTo("/api/v1/recordings/" + id + "/audio?access=" + grant.get("id").asString());
        assertThat(grant.get("reason").asString()).isEqualTo("核对同意 audit of consent");
        assertThat(Instant.parse(grant.get("expiresAt").asString())).isAfter(Instant.now().plusSeconds(60));
        assertThat(events(call, "RECORDING_ACCESSED")).as("nothing served yet").isEmpty();

        Answer head = fixtures.get("operator", audio, Map.of("Range", "bytes=0-99"));
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Range")).isEqualTo("bytes 0-99/" + copy.length);
        assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(head.header("Content-Type")).startsWith("audio/ogg");
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(copy, 0, 100));

        Answer middle = fixtures.get("operator", audio, Map.of("Range", "bytes=1000-1999"));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(copy, 1000, 2000));

        Answer rest = fixtures.get("operator", audio, Map.of("Range", "bytes=100-"));
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.header("Content-Range")).isEqualTo("bytes 100-" + (copy.length - 1) + "/" + copy.length);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(copy, 100, copy.length));

        Answer whole = fixtures.get("operator", audio, Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Range")).isNull();
        assertThat(whole.body()).isEqualTo(copy);

        Answer past = fixtures.get("operator", audio, Map.of("Range", "bytes=" + copy.length + "-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + copy.length);

        List<AuditEvent> accessed = events(call, "RECORDING_ACCESSED");
        assertThat(accessed).as("four requests served under one grant are one listening").hasSize(1);
        assertThat(accessed.getFirst().actor()).isEqualTo("operator");
        assertThat(accessed.getFirst().details()).contains("核对同意 audit of consent", grant.get("id").asString(),
                "bytes=0-99", id);

        JsonNode again = grant("operator", id, "second listening");
        assertThat(fixtures.get("operator", again.get("audio").asString(), Map.of("Range", "bytes=0-9")).status())
                .isEqualTo(206);
        assertThat(events(call, "RECORDING_ACCESSED")).as("a new reason is a new listening").hasSize(2);
    }

    @Test
    void aRequestThatIsNotServedDoesNotUseUpTheAuditEvent() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(700));
        String id = awaitRecording(call).get("id").asString();
        String audio = grant("operator", id, "audit").get("audio").asString();
        long size = recording(id).get("copySize").asLong();

        assertThat(fixtures.get("operator", audio, Map.of("Range", "bytes=" + size + "-")).status()).isEqualTo(416);
        assertThat(events(call, "RECORDING_ACCESSED")).isEmpty();
        assertThat(fixtures.get("operator", audio, Map.of("Range", "bytes=0-0")).status()).isEqualTo(206);
        assertThat(events(call, "RECORDING_ACCESSED")).hasSize(1).first()
                .satisfies(e -> assertThat(e.details()).contains("bytes=0-0"));
    }

    @Test
    void noReasonAnotherPersonsUnknownExpiredOrOtherRecordingsAccessIdIsRefused() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(800));
        Call other = fixtures.consentCall("operator", Duration.ofMillis(800));
        String id = awaitRecording(call).get("id").asString();
        String otherId = awaitRecording(other).get("id").asString();
        String path = "/api/v1/recordings/" + id;

        for (Map<String, String> body : List.of(Map.<String, String>of(), Map.of("reason", "  "))) {
            Answer refused = fixtures.post("operator", path + "/access", body);
            assertProblem(refused, 400, "invalid");
            assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("reason");
        }
        assertProblem(fixtures.post("operator", path + "/access", Map.of("reason", "x".repeat(501))), 400, "reason");
        assertProblem(fixtures.post("operator", "/api/v1/recordings/nope/access", Map.of("reason", "audit")), 404,
                "no recording");
        assertThat(fixtures.post("clerk", path + "/access", Map.of("reason", "audit")).status()).isEqualTo(403);

        String access = grant("operator", id, "audit").get("id").asString();
        // another operator is refused before the grant is looked at: operators hear only their own calls (ADR 0019)
        assertProblem(fixtures.get("operator2", path + "/audio?access=" + access, Map.of()), 403,
                "your role may not do this");
        assertProblem(fixtures.get("operator2", path + "/peaks?access=" + access, Map.of()), 403,
                "does not let you play");
        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + otherId + "/audio?access=" + access, Map.of()),
                403, "does not let you play");
        assertProblem(fixtures.get("operator", path + "/audio?access=0123456789abcdef0123456789abcdef", Map.of()),
                403, "does not let you play");
        assertProblem(fixtures.get("operator", path + "/audio?access=../../etc/passwd", Map.of()), 403,
                "not one this server issued");
        assertThat(fixtures.get("operator", path + "/peaks", Map.of()).status()).isEqualTo(400);

        jdbc.sql("UPDATE recording_access_grant SET expires_at = :past WHERE id = :id")
                .param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("id", access).update();
        assertProblem(fixtures.get("operator", path + "/audio?access=" + access, Map.of("Range", "bytes=0-9")), 403,
                "expired");
        assertProblem(fixtures.get("operator", path + "/audio?access=" + access, Map.of("Range", "bytes=0-9",
                "Accept-Language", "zh-CN")), 403, "调听授权无效或已过期");
        assertThat(events(call, "RECORDING_ACCESSED")).as("nothing refused is served or audited").isEmpty();
        assertThat(events(other, "RECORDING_ACCESSED")).isEmpty();
    }

    @Test
    void thePeaksAreComputedByTheServerOnceAndNeedTheGrant() {
        Call call = fixtures.consentCall("operator", Duration.ofMillis(1000));
        JsonNode item = awaitRecording(call);
        String id = item.get("id").asString();
        JsonNode grant = grant("supervisor", id, "waveform");

        Answer answer = fixtures.get("supervisor", grant.get("peaks").asString(), Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode peaks = answer.json();
        assertThat(peaks.get("perSecond").asInt()).isEqualTo(20);
        assertThat(peaks.get("durationMs").asLong()).isEqualTo(item.get("durationMs").asLong());
        int expected = (int) Math.ceil(item.get("durationMs").asLong() * 20 / 1000.0);
        assertThat(peaks.get("peaks").size()).isBetween(expected - 2, expected + 2);
        List<Double> values = peaks.get("peaks").valueStream().map(JsonNode::asDouble).toList();
        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(values).as("the sample is speech, not silence").anySatisfy(v -> assertThat(v).isGreaterThan(0.1));
        assertThat(DIR.resolve("work").resolve("peaks").resolve(item.get("copySha256").asString() + ".json"))
                .exists();
        assertThat(fixtures.get("supervisor", grant.get("peaks").asString(), Map.of()).json()).isEqualTo(peaks);
        assertThat(events(call, "RECORDING_ACCESSED")).as("the peaks are not the audio").isEmpty();
    }

    private JsonNode grant(String user, String recordingId, String reason) {
        Answer answer = fixtures.post(user, "/api/v1/recordings/" + recordingId + "/access", Map.of("reason", reason));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }
}
