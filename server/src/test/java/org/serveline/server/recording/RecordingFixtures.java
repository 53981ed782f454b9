package org.serveline.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.server.testsupport.TaskFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real calls for recording tests: a task submitted through the API, an attempt opened and settled through
 * {@link CallAttempts} (which publishes the settle event the ingest listens to), the real Asterisk sample in the spool.
 */
final class RecordingFixtures implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call with its links. */
    record Call(long taskId, String caseNumber, String attemptId) {
    }

    /** A binary-safe HTTP answer. */
    record Answer(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final TaskFixtures tasks;
    private final CallAttempts attempts;
    private final Path spool;

    RecordingFixtures(int port, CallAttempts attempts, Path spool) {
        this.port = port;
        this.tasks = new TaskFixtures(port);
        this.attempts = attempts;
        this.spool = spool;
    }

    static Path sample() {
        String fixtures = System.getProperty("serveline.fixtures", "/work/shared/fixtures/asterisk");
        return Path.of(fixtures).resolve("recording-sample.wav");
    }

    static byte[] sampleBytes() {
        try {
            return Files.readAllBytes(sample());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new task and an open (dialling) attempt for it, by {@code operator}. */
    Call dialling(String operator) {
        JsonNode task = tasks.submitTask();
        long taskId = task.get("id").asLong();
        CallAttempt attempt = attempts.open(new CallAttempts.NewAttempt(taskId, null, operator, "pbx-test", "trunk-test",
                "+8613800138000", "node-test", "test"));
        return new Call(taskId, task.get("caseNumber").asString(), attempt.id());
    }

    /** Puts bytes into the spool as the PBX's MixMonitor would: {@code <attemptId>.wav}. */
    Path spool(Call call, byte[] content) {
        try {
            Files.createDirectories(spool);
            Path tmp = Files.write(spool.resolve("." + call.attemptId() + ".tmp"), content);
            return Files.move(tmp, spool.resolve(call.attemptId() + ".wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The party answered, the notice heard {@code outcome} (key at {@code offset}), then the call ended. */
    void settleAnswered(Call call, CallOutcome outcome, Duration offset) {
        Instant answered = Instant.now().minusSeconds(30);
        attempts.recordNoticeHeard(new NoticeHeard(call.attemptId(), outcome, outcome == CallOutcome.CONSENTED
                ? "1" : "2", offset, "notice-v1.zh@test", null, "test"));
        attempts.recordCallEnded(new CallEnded(call.attemptId(), null, answered, Instant.now(), "test hangup"));
    }

    /** A consent call with the real sample recorded, settled (which triggers the ingest). */
    Call consentCall(String operator, Duration consentOffset) {
        Call call = dialling(operator);
        spool(call, sampleBytes());
        settleAnswered(call, CallOutcome.CONSENTED, consentOffset);
        return call;
    }

    Answer get(String user, String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(user, path);
        headers.forEach(request::header);
        return send(request.GET());
    }

    Answer post(String user, String path, Object body) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    Answer delete(String user, String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(user, path);
        headers.forEach(request::header);
        return send(request.DELETE());
    }

    private HttpRequest.Builder request(String user, String path) {
        String credentials = user + ":" + user + "-pw";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    static void assertProblem(Answer answer, int status, String detailContains) {
        assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains(detailContains);
    }
}
