package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/me over HTTP Basic, for the test users of application-test.yml. */
@ServelineIntegrationTest
@Timeout(60)
class MeIntegrationTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"clerk, CLERK", "reviewer, REVIEWER", "supervisor, SUPERVISOR", "operator, OPERATOR",
        "operator2, OPERATOR", "admin, ADMIN"})
    void eachUserSeesItsOwnNameAndRoles(String user, String role) {
        ApiClient.Response response = ApiClient.on(port).as(user, user + "-pw").get("/api/v1/me");

        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).as("HTTP Basic makes no session")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        assertThat(response.body().get("name").asString()).isEqualTo(user);
        assertThat(roles(response.body())).containsExactly(role);
    }

    @Test
    void withoutCredentialsTheAnswerIsA401Problem() {
        ApiClient.Response response = ApiClient.on(port).get("/api/v1/me");

        assertProblem(response, 401, "authentication required");
        // no Basic challenge to a request without credentials: a browser would prompt and keep the password
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"serveline\"");
    }

    @Test
    void aWrongPasswordIsA401Problem() {
        ApiClient.Response response = ApiClient.on(port).as("supervisor", "clerk-pw").get("/api/v1/me");

        assertProblem(response, 401, "authentication required");
        assertThat(response.body().has("roles")).isFalse();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"serveline\"");
    }

    private static List<String> roles(JsonNode me) {
        return StreamSupport.stream(me.get("roles").spliterator(), false).map(JsonNode::asString).toList();
    }
}
