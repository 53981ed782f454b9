package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint Spring MVC knows × every role (and anonymous, and an API token) against {@link EndpointAccess}, over
 * real HTTP: a refused caller gets 401 (anonymous) or 403, an allowed one anything else. An endpoint no row of the
 * table covers fails the test. On a private schema: allowed callers really call the endpoints (with empty input).
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "serveline.embedded-db.schema=serveline_access")
@Timeout(300)
class EndpointAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PathMappedEndpoints actuator;

    @Autowired
    HealthEndpointGroups healthGroups;

    record Caller(String label, String authorization, Set<Role> roles) {
        boolean signedIn() {
            return authorization != null;
        }
    }

    record Endpoint(String method, String pattern) {
        String path() {
            return pattern.replaceAll("\\{[^}]+}", "999999999");
        }
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(60);
        List<String> uncovered = endpoints.stream().filter(e -> !e.pattern().contains("no-such-endpoint"))
                .filter(e -> EndpointAccess.ruleFor(e.method(), e.pattern().replaceAll("\\{[^}]+}", "x")).isEmpty())
                .map(Endpoint::toString).toList();
        assertThat(uncovered).as("endpoints without a row in EndpointAccess.TABLE").isEmpty();

        List<String> wrong = new ArrayList<>();
        for (Caller caller : callers()) {
            for (Endpoint endpoint : endpoints) {
                EndpointAccess.Rule rule = EndpointAccess.ruleFor(endpoint.method(), endpoint.path()).orElse(NOBODY);
                boolean allowed = rule.access().allows(caller.roles(), caller.signedIn());
                String answer = call(caller, endpoint);
                int status = Integer.parseInt(answer.substring(0, 3));
                // an open endpoint may refuse by its own rules (the webhook's signature, the portal's code)
                boolean bySecurity = answer.contains("\"authentication required\"")
                        || answer.contains("\"your role may not do this\"");
                boolean ok = rule == NOBODY ? status == (caller.signedIn() ? 403 : 401)
                        : rule.access() instanceof EndpointAccess.Open ? !bySecurity
                        : allowed ? status != 401 && status != 403 : status == (caller.signedIn() ? 403 : 401);
                if (!ok) {
                    wrong.add(caller.label() + " " + endpoint.method() + " " + endpoint.path() + " → " + status
                            + " (table: " + (allowed ? "allowed" : "refused") + ", " + rule.why() + ")");
                }
            }
        }
        assertThat(wrong).as("answers that disagree with the table").isEmpty();
    }

    @Test
    void theDecisionsThatWereWrongBeforeStayFixed() {
        assertThat(allows("POST", "/api/v1/campaigns", Role.REVIEWER)).isFalse();
        assertThat(allows("POST", "/api/v1/campaigns/1/start", Role.REVIEWER)).isFalse();
        assertThat(allows("PUT", "/api/v1/do-not-call/+8613800138000", Role.REVIEWER)).isFalse();
        assertThat(allows("GET", "/api/v1/campaigns/1/progress", Role.REVIEWER)).isTrue();
        assertThat(allows("POST", "/api/v1/campaigns", Role.SUPERVISOR)).isTrue();
        assertThat(allows("GET", "/api/v1/recordings/1/original", Role.OPERATOR)).isFalse();
        assertThat(allows("POST", "/api/v1/admin/tokens", Role.SUPERVISOR)).isFalse();
        assertThat(allows("POST", "/api/v1/field/assignments/1/outcome", Role.ADMIN)).isFalse();
        assertThat(allows("GET", "/api/v1/do-not-call", Role.REVIEWER)).isTrue();
        assertThat(allows("GET", "/api/v1/tasks/1/evidence", Role.OPERATOR)).isFalse();
        assertThat(allows("GET", "/api/v1/board/stream", Role.SUPERVISOR)).isTrue();
        assertThat(allows("GET", "/api/v1/board", Role.REVIEWER)).isFalse();
        assertThat(EndpointAccess.ruleFor("GET", "/api/v1/something-new")).isEmpty();
    }

    private static boolean allows(String method, String path, Role role) {
        return EndpointAccess.ruleFor(method, path).orElseThrow().access().allows(EnumSet.of(role), true);
    }

    @Test
    void theWalkCoversWhatLivesOutsideSpringMvcToo() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).contains(new Endpoint("POST", "/api/v1/sign-in"), new Endpoint("POST", "/api/v1/sign-out"),
                new Endpoint("GET", "/actuator/health"), new Endpoint("GET", "/actuator/health/liveness"),
                new Endpoint("GET", "/actuator/health/readiness"), new Endpoint("GET", "/actuator/prometheus"),
                new Endpoint("GET", "/actuator/info"), new Endpoint("GET", "/actuator/metrics"),
                new Endpoint("GET", "/v3/api-docs"), new Endpoint("GET", "/swagger-ui/index.html"),
                new Endpoint("GET", "/webjars/echarts/dist/echarts.common.min.js"));
        assertThat(actuator.getAllPaths()).as("every exposed Actuator endpoint is walked")
                .allSatisfy(path -> assertThat(endpoints).contains(new Endpoint("GET", path)));
    }

    /**
     * What Spring MVC's handler mapping does not list: the sign-in form and sign-out (Spring Security's filters), every
     * exposed Actuator endpoint with its health groups, the API description and its UI, the WebJars, the console's
     * page and a path no endpoint has (refused to everyone by the table's last row).
     */
    private List<Endpoint> outsideSpringMvc() {
        List<Endpoint> found = new ArrayList<>();
        found.add(new Endpoint("POST", SecurityConfiguration.SIGN_IN));
        found.add(new Endpoint("POST", SecurityConfiguration.SIGN_OUT));
        for (String path : actuator.getAllPaths()) {
            found.add(new Endpoint("GET", path));
        }
        for (String group : healthGroups.getNames()) {
            found.add(new Endpoint("GET", actuator.getPath(EndpointId.of("health")) + "/" + group));
        }
        found.add(new Endpoint("GET", actuator.getPath(EndpointId.of("health")) + "/db"));
        found.add(new Endpoint("GET", actuator.getPath(EndpointId.of("metrics")) + "/jvm.memory.used"));
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                "/swagger-ui.html", "/swagger-ui/index.html", "/webjars/echarts/dist/echarts.common.min.js",
                "/webjars/wavesurfer.js/dist/wavesurfer.min.js", "/", "/index.html", "/console/common.js",
                "/api/v1/no-such-endpoint")) {
            found.add(new Endpoint("GET", path));
        }
        found.add(new Endpoint("POST", "/api/v1/no-such-endpoint"));
        return found;
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> found = new java.util.LinkedHashSet<>(outsideSpringMvc());
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    found.add(new Endpoint(method.name(), pattern));
                }
            }
        }
        return found.stream().sorted(java.util.Comparator.comparing(Endpoint::pattern)
                .thenComparing(Endpoint::method)).toList();
    }

    private List<Caller> callers() {
        Map<String, Role> users = new LinkedHashMap<>();
        users.put("clerk", Role.CLERK);
        users.put("reviewer", Role.REVIEWER);
        users.put("operator", Role.OPERATOR);
        users.put("field", Role.FIELD);
        users.put("supervisor", Role.SUPERVISOR);
        users.put("admin", Role.ADMIN);
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("anonymous", null, Set.of()));
        users.forEach((user, role) -> callers.add(new Caller(user, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)), EnumSet.of(role))));
        ApiClient.Response token = ApiClient.on(port).as("admin", "admin-pw").post("/api/v1/admin/tokens",
                ApiClient.json(Map.of("name", "walk", "roles", List.of("REVIEWER"))));
        callers.add(new Caller("token(REVIEWER)", "Bearer " + token.body().get("secret").asString(),
                EnumSet.of(Role.REVIEWER)));
        return callers;
    }

    /** The status, a space and the start of the body (when it could be read). */
    private String call(Caller caller, Endpoint endpoint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint.path()));
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        boolean body = endpoint.method().equals("POST") || endpoint.method().equals("PUT");
        request.header("Content-Type", "application/json").method(endpoint.method(),
                body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        // the answer as soon as its head arrives: a streamed body (CSV, audio, an event stream) is not waited for;
        // only a refusal's problem detail is read
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = HTTP.send(
                    request.timeout(java.time.Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                int status = response.statusCode();
                return status + " " + (status == 401 || status == 403
                        ? new String(in.readNBytes(4096), StandardCharsets.UTF_8) : "");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(caller.label() + " " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The table's last row: what no row matches is refused to everyone. */
    private static final EndpointAccess.Rule NOBODY = new EndpointAccess.Rule(null, List.of("/**"),
            new EndpointAccess.Roles(EnumSet.noneOf(Role.class)), "a new endpoint needs a row");

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

}
