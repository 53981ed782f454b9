package org.serveline.server.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Builds valid requests and tasks for API tests; every case number is new so tests never collide. */
public final class TaskFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    public final ApiClient clerk;
    public final ApiClient reviewer;
    public final ApiClient supervisor;

    public TaskFixtures(int port) {
        ApiClient api = ApiClient.on(port);
        this.clerk = api.as("clerk", "clerk-pw");
        this.reviewer = api.as("reviewer", "reviewer-pw");
        this.supervisor = api.as("supervisor", "supervisor-pw");
    }

    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    public String uploadDocument() {
        ApiClient.Response response = clerk.upload("summons.pdf", pdf(UUID.randomUUID().toString()));
        assertThat(response.status()).as("upload: %s", response.body()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    public static String newCaseNumber() {
        return "(2026)内0303民初" + SEQUENCE.incrementAndGet() + "号";
    }

    public static Map<String, Object> party(String name, String... phones) {
        return Map.of("role", "DEFENDANT", "name", name, "phones", List.of(phones), "address", "乌海市海南区人民路1号");
    }

    public Map<String, Object> taskRequest(String caseNumber, Map<String, Object> party) {
        return Map.of("court", "NMG0303", "caseNumber", caseNumber, "party", party,
                "documents", List.of(uploadDocument()), "hearingDate", "2027-01-15");
    }

    public JsonNode submitTask() {
        ApiClient.Response response = clerk.post("/api/v1/tasks",
                ApiClient.json(taskRequest(newCaseNumber(), party("张三", "13800138000"))));
        assertThat(response.status()).as("submit: %s", response.body()).isEqualTo(201);
        return response.body();
    }

    public JsonNode review(long taskId, String decision, String reason) {
        ApiClient.Response response = reviewer.post("/api/v1/tasks/" + taskId + "/review",
                ApiClient.json(reason == null ? Map.of("decision", decision) : Map.of("decision", decision, "reason", reason)));
        assertThat(response.status()).as("review: %s", response.body()).isEqualTo(200);
        return response.body();
    }
}
