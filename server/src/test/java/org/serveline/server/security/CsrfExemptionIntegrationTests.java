package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only a well-formed Bearer or Basic Authorization header spares a request the CSRF token: a request riding on a
 * session with any other Authorization header is a session request like any other (ADR 0027).
 */
@ServelineIntegrationTest
@Timeout(120)
class CsrfExemptionIntegrationTests {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    JdbcClient jdbc;

    @Test
    void aSessionRequestWithAMalformedAuthorizationHeaderStillNeedsItsCsrfToken() {
        SessionClient admin = new SessionClient(port);
        assertThat(admin.signIn("admin", "admin-pw").status()).isEqualTo(200);
        long tokensBefore = tokens();
        for (String header : List.of("Foo bar", "Digest username=x", "Bearer", "Basic !!!", "Basic bm9jb2xvbg==",
                "Basic", "")) {
            ApiClient.Response answer = createToken(admin, header);
            assertThat(answer.status()).as("Authorization: %s", header).isEqualTo(403);
            assertThat(answer.body().get("detail").asString()).as(header).contains("CSRF");
        }
        assertThat(tokens()).as("no token made by a request without its CSRF token").isEqualTo(tokensBefore);

        // a well-formed Bearer is judged as a token, never as the session: an unknown one is refused
        assertThat(createToken(admin, "Bearer svl_unknown").status()).isEqualTo(401);
        // a well-formed Basic signs the request in by itself, as Basic, and needs no token
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
        assertThat(createToken(admin, basic).status()).isEqualTo(201);
        // with its CSRF token the session needs no header at all
        assertThat(admin.post("/api/v1/admin/tokens", ApiClient.json(Map.of("name", "with-csrf", "roles",
                List.of("CLERK"))), true).status()).isEqualTo(201);
        assertThat(tokens()).isEqualTo(tokensBefore + 2);
    }

    @Test
    void aMalformedAuthorizationHeaderDoesNotSpareADisabledPersonsSessionItsRecheck() {
        String name = "recheck" + System.nanoTime() % 1_000_000_000L;
        ApiClient admin = ApiClient.on(port).as("admin", "admin-pw");
        assertThat(admin.post("/api/v1/admin/users", ApiClient.json(Map.of("name", name, "password", "recheck-pw",
                "roles", List.of("CLERK")))).status()).isEqualTo(201);
        SessionClient person = new SessionClient(port);
        assertThat(person.signIn(name, "recheck-pw").status()).isEqualTo(200);
        assertThat(me(person, "Foo bar").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/users/" + name + "/disable", "").status()).isEqualTo(200);
        assertThat(me(person, "Foo bar").status()).isEqualTo(401);
        assertThat(me(person, null).status()).isEqualTo(401);
    }

    private ApiClient.Response createToken(SessionClient session, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/admin/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(Map.of("name", "forged?", "roles",
                        List.of("ADMIN")))));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return session.send(request);
    }

    private ApiClient.Response me(SessionClient session, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return session.send(request);
    }

    private long tokens() {
        return jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single();
    }
}
