package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.RecordingFixtures.Call;
import tools.jackson.databind.JsonNode;

/**
 * The keypad consent step an operator hands the party to records {@code <attempt>-consent.wav} beside the call's
 * {@code <attempt>.wav}: it is linked to the same attempt as the call's second recording, never stored as an
 * unlinked attempt called "…-consent".
 */
class ConsentStepRecordingIntegrationTests extends RecordingIntegrationSupport {

    @Test
    void aConsentStepRecordedBeforeTheCallSettlesIsTheAttemptsSecondRecording() {
        Call call = fixtures.dialling("operator");
        fixtures.spool(call, RecordingFixtures.sampleBytes());
        byte[] step = consentStepBytes();
        spoolConsentStep(call, step);
        fixtures.settleAnswered(call, CallOutcome.CONSENTED, Duration.ofMillis(1500));

        List<JsonNode> items = awaitBoth(call);

        JsonNode first = items.get(0);
        JsonNode second = items.get(1);
        assertThat(first.get("part").asInt()).isEqualTo(1);
        assertThat(first.get("storeKey").asString()).isEqualTo(call.attemptId());
        assertThat(first.get("consentOffsetMs").asLong()).isEqualTo(1500);
        assertThat(second.get("part").asInt()).isEqualTo(2);
        assertThat(second.get("attemptId").asString()).isEqualTo(call.attemptId());
        assertThat(second.get("storeKey").asString()).isEqualTo(call.attemptId() + "-consent");
        assertThat(second.get("taskId").asLong()).isEqualTo(call.taskId());
        assertThat(second.get("caseNumber").asString()).isEqualTo(call.caseNumber());
        assertThat(second.get("sha256").asString()).isEqualTo(RecordingFixtures.sha256(step));
        assertThat(second.get("consentOffsetMs").isNull()).isTrue();
        assertThat(second.get("consentCall").asBoolean()).isTrue();

        assertThat(events(call, "RECORDING_STORED")).hasSize(2)
                .anySatisfy(e -> assertThat(e.details()).contains(call.attemptId() + "-consent", "\"part\":2"));
        assertThat(audit.chain("recordings")).noneMatch(e -> e.action().equals("RECORDING_UNLINKED")
                && e.details().contains(call.attemptId()));
        assertThat(DIR.resolve("spool").resolve(call.attemptId() + "-consent.wav")).doesNotExist();

        // the receipts' view of the attempt stays the call itself
        JsonNode byTask = fixtures.get("supervisor", "/api/v1/recordings?taskId=" + call.taskId(), Map.of()).json();
        assertThat(byTask.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aConsentStepFoundByTheSpoolScanAfterTheCallSettledIsLinkedToo() {
        Call call = fixtures.dialling("operator");
        fixtures.spool(call, RecordingFixtures.sampleBytes());
        fixtures.settleAnswered(call, CallOutcome.REFUSED, Duration.ofMillis(700));
        awaitRecording(call);

        spoolConsentStep(call, consentStepBytes());
        ingestion.scan();

        List<JsonNode> items = awaitBoth(call);
        assertThat(items.get(1).get("part").asInt()).isEqualTo(2);
        assertThat(items.get(1).get("attemptId").asString()).isEqualTo(call.attemptId());
        assertThat(items.get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(items.get(1).get("consentCall").asBoolean()).isFalse();
    }

    /** The attempt's recordings as the API lists them, by part. */
    private List<JsonNode> awaitBoth(Call call) {
        JsonNode items = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                fixtures.get("supervisor", "/api/v1/recordings?attemptId=" + call.attemptId(), Map.of()).json()
                        .get("items"), found -> found.size() == 2);
        List<JsonNode> byPart = new ArrayList<>();
        items.forEach(byPart::add);
        byPart.sort(Comparator.comparingInt(item -> item.get("part").asInt()));
        return byPart;
    }

    /** Another valid WAV: the sample with its last PCM samples changed, so its SHA-256 differs. */
    private static byte[] consentStepBytes() {
        byte[] bytes = RecordingFixtures.sampleBytes().clone();
        for (int i = bytes.length - 64; i < bytes.length; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x55);
        }
        return bytes;
    }

    private static void spoolConsentStep(Call call, byte[] content) {
        try {
            Path spool = Files.createDirectories(DIR.resolve("spool"));
            Path tmp = Files.write(spool.resolve("." + call.attemptId() + "-consent.tmp"), content);
            Files.move(tmp, spool.resolve(call.attemptId() + "-consent.wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
