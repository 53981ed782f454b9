package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;
import tools.jackson.databind.JsonNode;

/** Tasks brought into the postal channel through the API and the life cycle, and raw HTTP for PDFs and webhooks. */
public final class PostalTestSupport {

    private final TaskFixtures fixtures;
    private final ServiceTasks tasks;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PostalTestSupport(int port, ServiceTasks tasks) {
        this.port = port;
        this.fixtures = new TaskFixtures(port);
        this.tasks = tasks;
    }

    public TaskFixtures fixtures() {
        return fixtures;
    }

    /** A task of {@code court} submitted by the clerk (address may be null) and approved; not dispatched. */
    public long approvedTask(String court, String party, String address) {
        Map<String, Object> partyJson = new HashMap<>(Map.of("role", "DEFENDANT", "name", party,
                "phones", List.of("13800138000")));
        if (address != null) {
            partyJson.put("address", address);
        }
        ApiClient.Response response = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", court,
                "caseNumber", TaskFixtures.newCaseNumber(), "party", partyJson,
                "documents", List.of(fixtures.uploadDocument()))));
        assertThat(response.status()).as("submit: %s", response.body()).isEqualTo(201);
        long id = response.body().get("id").asLong();
        tasks.move(new TaskId(id), TaskTrigger.APPROVE, "reviewer", null);
        return id;
    }

    /** A task of the court POSTONLY (chain POSTAL, PUBLIC_NOTICE) that has just entered POSTAL. */
    public long taskInPostal(String party, String address) {
        long id = approvedTask("POSTONLY", party, address);
        tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "system", null);
        return id;
    }

    /** A task of NMG0303 (PHONE, POSTAL, IN_PERSON, PUBLIC_NOTICE) whose phone channel failed. */
    public long taskInPostalAfterPhone(String party) {
        long id = approvedTask("NMG0303", party, "乌海市海南区人民路1号");
        tasks.move(new TaskId(id), TaskTrigger.DISPATCH, "system", null);
        tasks.move(new TaskId(id), TaskTrigger.CHANNEL_FAILED, "system", "REFUSED");
        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.POSTAL);
        return id;
    }

    public JsonNode mailing(long task) {
        ApiClient.Response response = fixtures.clerk.get("/api/v1/tasks/" + task + "/mailing");
        assertThat(response.status()).as("mailing: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    public JsonNode timeline(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body();
    }

    public static JsonNode event(JsonNode timeline, String action) {
        for (JsonNode event : timeline) {
            if (event.get("action").asString().equals(action)) {
                return event;
            }
        }
        throw new AssertionError("no " + action + " in " + timeline.findValuesAsString("action"));
    }

    public ApiClient.Response enter(long task, String trackingNumber) {
        return fixtures.clerk.put("/api/v1/tasks/" + task + "/mailing/tracking-number",
                ApiClient.json(Map.of("trackingNumber", trackingNumber)));
    }

    public HttpResponse<byte[]> getBytes(String path, boolean signedIn) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (signedIn) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("clerk:clerk-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a webhook call as the carrier would: no sign-in, the three headers of ADR 0011. */
    public HttpResponse<String> webhook(PostalCarrier.WebhookCall call) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/postal/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.timestamp() != null) {
            request.header("X-Carrier-Timestamp", call.timestamp());
        }
        if (call.deliveryId() != null) {
            request.header("X-Carrier-Delivery-Id", call.deliveryId());
        }
        if (call.signature() != null) {
            request.header("X-Carrier-Signature", call.signature());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
