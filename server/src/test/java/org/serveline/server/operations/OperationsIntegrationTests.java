package org.serveline.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.server.faults.PhoneCampaign;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator of Serveline sees: the API description (every endpoint, every error a problem), health with a
 * component per PBX link, and Prometheus metrics of a real call placed through a simulated PBX over real AMI and
 * FastAGI. Two PBXs: "ops" carries the calls, "spare" (no trunk) is stopped to show its component going DOWN.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_operations",
    "serveline.dialer.tick=PT0.05S",
    // @SpringBootTest turns metrics export off unless asked
    "management.defaults.metrics.export.enabled=true",
    "management.prometheus.metrics.export.enabled=true",
})
class OperationsIntegrationTests {

    static final Path SPOOL = tempDir();
    static final PbxSimulator CALLS = simulator(SimulatorConfig.builder().timeScale(0.3).spoolDir(SPOOL)
            .defaultParty(PartyBehaviour.consent()).build());
    static final PbxSimulator SPARE = simulator(SimulatorConfig.builder().build());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void pbxs(DynamicPropertyRegistry registry) {
        registry.add("serveline.recordings.spool-dir", SPOOL::toString);
        pbx(registry, 0, "ops", CALLS);
        registry.add("serveline.telephony.pbxs[0].trunks[0].name", () -> "ops-trunk");
        registry.add("serveline.telephony.pbxs[0].trunks[0].dial-string", () -> "Local/{number}@simulated-parties");
        registry.add("serveline.telephony.pbxs[0].trunks[0].number-format", () -> "NATIONAL");
        registry.add("serveline.telephony.pbxs[0].trunks[0].max-channels", () -> "10");
        registry.add("serveline.telephony.pbxs[0].trunks[0].calls-per-second", () -> "10");
        pbx(registry, 1, "spare", SPARE);
    }

    private static void pbx(DynamicPropertyRegistry registry, int index, String id, PbxSimulator simulator) {
        String prefix = "serveline.telephony.pbxs[" + index + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", () -> simulator.ports().ami());
        registry.add(prefix + "username", () -> "serveline");
        registry.add(prefix + "secret", () -> "serveline-secret");
    }

    @AfterAll
    static void stopSimulators() {
        CALLS.close();
        SPARE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    // --- OpenAPI ----------------------------------------------------------------------------------------------

    @Test
    void theApiDescriptionAndItsUiAreForSignedInStaffOnly() {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(401);
        for (String[] user : List.of(new String[] {"clerk", "clerk-pw"}, new String[] {"operator", "operator-pw"},
                new String[] {"supervisor", "supervisor-pw"})) {
            HttpResponse<String> docs = get("/v3/api-docs", user);
            assertThat(docs.statusCode()).as(user[0]).isEqualTo(200);
            assertThat(json(docs).get("openapi").asString()).startsWith("3.");
            HttpResponse<String> ui = get("/swagger-ui/index.html", user);
            assertThat(ui.statusCode()).as(user[0]).isEqualTo(200);
            assertThat(ui.body()).contains("swagger-ui");
        }
        assertThat(get("/swagger-ui.html", new String[] {"clerk", "clerk-pw"}).statusCode()).isIn(200, 302);
    }

    /** Every handler method of the application is described, with each of the problem responses. */
    @Test
    void everyEndpointOfTheApplicationIsDescribedWithItsProblemResponses() {
        JsonNode paths = json(get("/v3/api-docs", new String[] {"supervisor", "supervisor-pw"})).get("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("org.serveline.")
                    || org.springframework.boot.webmvc.error.ErrorController.class
                            .isAssignableFrom(mapping.getValue().getBeanType())) {
                continue; // springdoc's own, and the container's error page (/error, web.ProblemErrorController)
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                JsonNode item = paths.get(path);
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    checked++;
                    JsonNode operation = item == null ? null : item.get(method.name().toLowerCase(Locale.ROOT));
                    if (operation == null) {
                        missing.add(method + " " + path + " (" + mapping.getValue().getShortLogMessage() + ")");
                        continue;
                    }
                    for (String status : ProblemResponses.ERRORS.keySet()) {
                        JsonNode response = operation.get("responses").get(status);
                        assertThat(response).as("%s %s answers %s", method, path, status).isNotNull();
                        assertThat(response.get("content").has(ProblemResponses.PROBLEM_MEDIA_TYPE))
                                .as("%s %s %s is a problem", method, path, status).isTrue();
                    }
                }
            }
        }
        assertThat(checked).as("endpoints found").isGreaterThan(50);
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    // --- health -----------------------------------------------------------------------------------------------

    @Test
    void healthShowsStaffAComponentPerPbxLinkTheDatabaseTheSpoolAndTheGateways() {
        await().atMost(Duration.ofSeconds(30)).until(() -> component(health(), "pbxLinks", "ops") != null
                && "UP".equals(component(health(), "pbxLinks", "ops").get("status").asString()));
        JsonNode health = health();
        JsonNode components = health.get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        JsonNode spool = components.get("recordingSpool");
        assertThat(spool.get("status").asString()).isEqualTo("UP");
        assertThat(spool.get("details").get("dir").asString()).isEqualTo(SPOOL.toString());
        assertThat(spool.get("details").get("backlog").asLong()).isNotNegative();
        assertThat(components.has("smsGateway")).isTrue();
        assertThat(components.has("mailGateway")).isTrue();
        assertThat(components.has("postalCarrier")).isTrue();
        assertThat(components.get("pbxLinks").get("components").has("spare")).isTrue();
        assertThat(component(health, "pbxLinks", "ops").get("details").get("detail").asString()).contains("127.0.0.1");

        HttpResponse<String> anonymous = get("/actuator/health", null);
        assertThat(json(anonymous).has("status")).isTrue();
        assertThat(json(anonymous).has("components")).as("components only for staff").isFalse();
    }

    @Test
    void aPbxThatGoesDownTurnsItsOwnComponentDown() {
        await().atMost(Duration.ofSeconds(30)).until(() -> component(health(), "pbxLinks", "spare") != null
                && "UP".equals(component(health(), "pbxLinks", "spare").get("status").asString()));

        SPARE.close();

        await().atMost(Duration.ofSeconds(30)).until(
                () -> "DOWN".equals(component(health(), "pbxLinks", "spare").get("status").asString()));
        JsonNode health = health();
        assertThat(health.get("components").get("pbxLinks").get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(component(health, "pbxLinks", "ops").get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(503);
    }

    // --- Prometheus -------------------------------------------------------------------------------------------

    @Test
    void prometheusIsForSupervisorsAndAdminsOnly() {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", new String[] {"clerk", "clerk-pw"}).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", new String[] {"operator", "operator-pw"}).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", new String[] {"supervisor", "supervisor-pw"}).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSimulatedCallShowsInEveryMetric() {
        TaskFixtures fixtures = new TaskFixtures(port);
        double consentedBefore = metric("serveline_call_attempts_total", "outcome=\"CONSENTED\"").orElse(0);
        List<Long> tasks = PhoneCampaign.approvedTasks(fixtures, List.of("13800009101"));
        PhoneCampaign.started(fixtures, "ops-" + System.nanoTime());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> metric("serveline_calls_live", "").orElse(0) >= 1);
        await().atMost(Duration.ofSeconds(90)).until(() -> "ELECTRONIC".equals(
                fixtures.clerk.get("/api/v1/tasks/" + tasks.getFirst()).body().get("state").asString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> metric("serveline_calls_live", "").orElse(-1) == 0);
        assertThat(metric("serveline_call_attempts_total", "outcome=\"CONSENTED\"").orElseThrow())
                .isEqualTo(consentedBefore + 1);
        assertThat(metric("serveline_ami_event_lag_seconds_count", "pbx=\"ops\"").orElseThrow()).isPositive();
        assertThat(metric("serveline_ami_event_lag_seconds_max", "pbx=\"ops\"").orElseThrow())
                .isNotNegative().isLessThan(5);
        assertThat(metric("serveline_ami_event_queue", "").orElseThrow()).isNotNegative();
        assertThat(metric("serveline_agi_sessions_live", "").orElseThrow()).isNotNegative().isLessThan(10);
        assertThat(metric("serveline_recordings_spool_backlog", "").orElseThrow()).isNotNegative();
        assertThat(metric("serveline_delivery_failures_total", "medium=\"SMS\"").orElseThrow()).isNotNegative();
        assertThat(metric("serveline_delivery_failures_total", "medium=\"EMAIL\"").orElseThrow()).isNotNegative();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
    private OptionalDouble metric(String name, String labels) {
        String body = get("/actuator/prometheus", new String[] {"supervisor", "supervisor-pw"}).body();
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(body);
        while (line.find()) {
            if (labels.isEmpty() || (line.group(1) != null && line.group(1).contains(labels))) {
                return OptionalDouble.of(Double.parseDouble(line.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    private JsonNode health() {
        return json(get("/actuator/health", new String[] {"supervisor", "supervisor-pw"}));
    }

    private static JsonNode component(JsonNode health, String composite, String name) {
        JsonNode parent = health.get("components").get(composite);
        return parent == null || parent.get("components") == null ? null : parent.get("components").get(name);
    }

    private HttpResponse<String> get(String path, String[] user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static PbxSimulator simulator(SimulatorConfig config) {
        PbxSimulator simulator = new PbxSimulator(config);
        simulator.start();
        return simulator;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("serveline-ops-spool");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
