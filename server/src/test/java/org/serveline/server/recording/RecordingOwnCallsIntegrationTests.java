package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.recording.RecordingFixtures.assertProblem;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.serveline.server.recording.RecordingFixtures.Call;
import tools.jackson.databind.JsonNode;

/** An operator lists and hears only the recordings of calls they handled; a reviewer or supervisor hears all. */
class RecordingOwnCallsIntegrationTests extends RecordingIntegrationSupport {

    @Test
    void anOperatorHearsTheirOwnCallsOnly() {
        Call theirs = fixtures.consentCall("operator2", Duration.ofMillis(1200));
        Call mine = fixtures.consentCall("operator", Duration.ofMillis(800));
        String theirId = awaitRecording(theirs).get("id").asString();
        String myId = awaitRecording(mine).get("id").asString();

        JsonNode listed = fixtures.get("operator", "/api/v1/recordings?size=200", Map.of()).json();
        assertThat(StreamSupport.stream(listed.get("items").spliterator(), false)
                .map(item -> item.get("operator").asString()).distinct()).containsExactly("operator");
        assertProblem(fixtures.get("operator", "/api/v1/recordings?operator=operator2", Map.of()), 403, "role");

        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + theirId, Map.of()), 403, "role");
        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + theirId + "/audio", REASON), 403, "role");
        assertProblem(fixtures.get("operator", "/api/v1/recordings/" + theirId + "/reviews", Map.of()), 403, "role");
        assertThat(audit.chain("task:" + theirs.taskId()).stream().map(e -> e.action()))
                .as("a refused access reads no byte and is not an access").doesNotContain("RECORDING_ACCESSED");

        assertThat(fixtures.get("operator", "/api/v1/recordings/" + myId + "/audio", REASON).status()).isEqualTo(200);
        assertThat(fixtures.get("reviewer", "/api/v1/recordings/" + theirId + "/audio", REASON).status())
                .isEqualTo(200);
        assertThat(fixtures.get("supervisor", "/api/v1/recordings?operator=operator2", Map.of()).json()
                .get("total").asLong()).isPositive();
    }
}
