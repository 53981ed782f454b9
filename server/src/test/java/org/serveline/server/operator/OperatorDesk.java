package org.serveline.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.TaskFixtures;
import tools.jackson.databind.JsonNode;

/** Test helper: approved tasks that come first in the operators' line, and the operator API calls. */
final class OperatorDesk {

    /** Each new task has an earlier hearing date than the last, so "next" takes the newest one first. */
    private static final AtomicInteger DAYS_BEFORE = new AtomicInteger();

    final TaskFixtures fixtures;
    final ApiClient api;
    private final int port;
    private final String user;
    private final String password;

    OperatorDesk(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
        this.fixtures = new TaskFixtures(port);
        this.api = ApiClient.on(port).as(user, password);
    }

    long approvedTask(String name, String... phones) {
        return approvedTaskIn("NMG0303", name, phones);
    }

    long approvedTaskIn(String court, String name, String... phones) {
        Map<String, Object> request = new java.util.HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party(name, phones)));
        request.put("court", court);
        request.put("priority", "URGENT");
        request.put("hearingDate", LocalDate.of(2026, 12, 31).minusDays(DAYS_BEFORE.incrementAndGet()).toString());
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    ApiClient.Response signIn(String endpoint) {
        return api.post("/api/v1/operators/me/session", ApiClient.json(Map.of("endpoint", endpoint)));
    }

    int signOut() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/operators/me/session")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .DELETE().build();
            try (HttpClient http = HttpClient.newHttpClient()) {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ApiClient.Response next() {
        return api.post("/api/v1/operators/me/next", "{}");
    }

    ApiClient.Response call(long task) {
        return api.post("/api/v1/operators/me/tasks/" + task + "/call", "{}");
    }

    ApiClient.Response post(long task, String action, Map<String, ?> body) {
        return api.post("/api/v1/operators/me/tasks/" + task + "/" + action, ApiClient.json(body));
    }

    JsonNode task(long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body();
    }

    String state(long id) {
        return task(id).get("state").asString();
    }

    List<String> timelineActions(long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body().findValuesAsString("action");
    }

    JsonNode timelineEntry(long id, String action) {
        for (JsonNode entry : fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body()) {
            if (action.equals(entry.path("action").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " in the timeline of task " + id);
    }
}
