package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sign-in form, its session and CSRF token, API tokens, and locks after failed sign-ins, over real HTTP. */
@ServelineIntegrationTest
@Timeout(120)
class SignInIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffDirectory directory;

    private ApiClient admin() {
        return ApiClient.on(port).as("admin", "admin-pw");
    }

    private String newUser(String role) {
        String name = "u" + System.nanoTime();
        assertThat(admin().post("/api/v1/admin/users", ApiClient.json(Map.of("name", name,
                "password", "secret-" + name, "roles", List.of(role)))).status()).isEqualTo(201);
        return name;
    }

    @Test
    void theFormSignsInToASessionWhoseIdChangesAtEachSignIn() {
        SessionClient console = new SessionClient(port);
        ApiClient.Response first = console.signIn("clerk", "clerk-pw");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("name").asString()).isEqualTo("clerk");
        String before = console.cookie("JSESSIONID").orElseThrow();

        // the session id an attacker could have planted is not the one that is signed in afterwards
        assertThat(console.signIn("reviewer", "reviewer-pw").status()).isEqualTo(200);
        String after = console.cookie("JSESSIONID").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(console.get("/api/v1/me").body().get("name").asString()).isEqualTo("reviewer");

        ApiClient.Response planted = new SessionClient(port).send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/me")).header("Cookie", "JSESSIONID=" + before).GET());
        assertProblem(planted, 401, "authentication required");
        assertThat(events("clerk")).contains(org.serveline.server.security.internal.SecurityAudit.SIGNED_IN);
    }

    @Test
    void anUnsafeSessionRequestWithoutTheCsrfTokenIsA403ProblemAndWithItPasses() {
        SessionClient console = new SessionClient(port);
        assertThat(console.signIn("supervisor", "supervisor-pw").status()).isEqualTo(200);
        String campaign = ApiClient.json(Map.of("name", "csrf-" + System.nanoTime()));

        assertProblem(console.post("/api/v1/campaigns", campaign, false), 403, "CSRF");
        assertThat(console.post("/api/v1/campaigns", campaign, true).status()).isEqualTo(201);
    }

    @Test
    void signingOutEndsTheSession() {
        SessionClient console = new SessionClient(port);
        console.signIn("operator", "operator-pw");
        assertThat(console.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(console.post("/api/v1/sign-out", "", true).status()).isEqualTo(204);
        assertProblem(console.get("/api/v1/me"), 401, "authentication required");
        assertThat(events("operator")).contains("SIGNED_OUT");
    }

    @Test
    void aBearerTokenWorksWithoutCsrfUntilItIsRevokedAndItsSecretIsStoredOnlyAsAHash() {
        ApiClient.Response created = admin().post("/api/v1/admin/tokens",
                ApiClient.json(Map.of("name", "案件系统", "roles", List.of("SUPERVISOR"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String secret = created.body().get("secret").asString();
        long id = created.body().get("token").get("id").asLong();
        assertThat(secret).startsWith("svl_").hasSizeGreaterThan(40);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_sha256 = :s OR token_sha256 = :h")
                .param("s", secret).param("h", org.serveline.server.support.Sha256.hex(secret)).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(admin().get("/api/v1/admin/tokens").body().toString()).doesNotContain(secret);

        SessionClient machine = new SessionClient(port);
        ApiClient.Response made = machine.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/campaigns")).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(Map.of("name", "token-" + id)))));
        assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
        assertThat(machine.cookie("JSESSIONID")).as("a token request makes no session").isEmpty();
        // the token has its own roles: SUPERVISOR, not CLERK
        assertThat(bearer(secret, "/api/v1/statistics").status()).isEqualTo(200);
        assertProblem(bearer(secret, "/api/v1/admin/users"), 403, "role");
        assertThat(admin().get("/api/v1/admin/tokens").body().toString()).contains("lastUsedAt\":\"20");

        assertThat(asAdmin("DELETE", "/api/v1/admin/tokens/" + id).status()).isEqualTo(200);
        assertProblem(asAdmin("DELETE", "/api/v1/admin/tokens/" + id), 409, "revoked");
        assertProblem(bearer(secret, "/api/v1/me"), 401, "unknown or revoked");
        assertProblem(bearer("svl_nobodyhasthis", "/api/v1/me"), 401, "unknown or revoked");
        assertThat(audit.chain("api-token:" + id).stream().map(AuditEvent::action).toList())
                .containsExactly("API_TOKEN_CREATED", "API_TOKEN_REVOKED");
    }

    @Test
    void repeatedFailuresLockTheNameWithTheSameAnswerWhetherOrNotItExistsAndEachIsAudited() {
        String name = newUser("CLERK");
        String nobody = "nobody" + System.nanoTime();
        SessionClient console = new SessionClient(port);
        for (int i = 1; i < 5; i++) {
            assertProblem(console.signIn(name, "wrong"), 401, "wrong name or password");
            assertProblem(console.signIn(nobody, "wrong"), 401, "wrong name or password");
        }
        ApiClient.Response locked = console.signIn(name, "wrong");
        ApiClient.Response lockedNobody = console.signIn(nobody, "wrong");
        assertProblem(locked, 429, "登录失败次数过多");
        assertThat(locked.body().get("detail")).isEqualTo(lockedNobody.body().get("detail"));
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();

        // the right password does not open a locked name, neither through the form nor HTTP Basic
        assertProblem(console.signIn(name, "secret-" + name), 429, "locked");
        assertProblem(ApiClient.on(port).as(name, "secret-" + name).get("/api/v1/me"), 429, "locked");

        assertThat(events(name)).containsExactly("USER_CREATED", "SIGN_IN_REFUSED", "SIGN_IN_REFUSED",
                "SIGN_IN_REFUSED", "SIGN_IN_REFUSED", "SIGN_IN_REFUSED", "SIGN_IN_LOCKED");
        assertThat(events(nobody)).endsWith("SIGN_IN_LOCKED");

        ApiClient.Response unlocked = admin().post("/api/v1/admin/users/" + name + "/unlock", "{}");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(console.signIn(name, "secret-" + name).status()).isEqualTo(200);
        assertThat(events(name)).endsWith("USER_UNLOCKED", "SIGNED_IN");
    }

    @Test
    void anAdministratorManagesPeopleAndTheChangesTakeHoldOfTheirSessions() {
        String name = newUser("CLERK");
        SessionClient console = new SessionClient(port);
        assertThat(console.signIn(name, "secret-" + name).status()).isEqualTo(200);

        assertThat(admin().put("/api/v1/admin/users/" + name + "/roles",
                ApiClient.json(Map.of("roles", List.of("REVIEWER")))).status()).isEqualTo(200);
        assertThat(console.get("/api/v1/me").body().get("roles").toString()).isEqualTo("[\"REVIEWER\"]");

        assertThat(admin().post("/api/v1/admin/users/" + name + "/disable", "{}").status()).isEqualTo(200);
        assertProblem(console.get("/api/v1/me"), 401, "authentication required");
        assertProblem(console.signIn(name, "secret-" + name), 401, "wrong name or password");

        admin().post("/api/v1/admin/users/" + name + "/enable", "{}");
        assertThat(admin().put("/api/v1/admin/users/" + name + "/password",
                ApiClient.json(Map.of("password", "another-password"))).status()).isEqualTo(200);
        assertThat(ApiClient.on(port).as(name, "another-password").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT password_hash FROM staff_user WHERE name = :n").param("n", name)
                .query(String.class).single()).startsWith("{bcrypt}$2a$");

        assertProblem(admin().post("/api/v1/admin/users", ApiClient.json(Map.of("name", name,
                "password", "whatever-long", "roles", List.of("CLERK")))), 409, "exists");
        assertProblem(admin().post("/api/v1/admin/users", ApiClient.json(Map.of("name", "bad name/",
                "password", "short", "roles", List.of()))), 400, "invalid");
        assertProblem(ApiClient.on(port).as("clerk", "clerk-pw").get("/api/v1/admin/users"), 403, "role");
        assertThat(directory.hasRole(name, Role.REVIEWER)).isTrue();
        assertThat(directory.hasRole(name, Role.CLERK)).isFalse();
        assertThat(directory.hasRole("field", Role.FIELD)).isTrue();
        assertThat(directory.hasRole("nobody-at-all", Role.FIELD)).isFalse();
        assertThat(events(name)).containsSubsequence("USER_CREATED", "SIGNED_IN", "USER_ROLES_CHANGED",
                "USER_DISABLED", "USER_ENABLED", "USER_PASSWORD_RESET");
    }

    @Test
    void aPersonWithEveryRoleIsCreatedAndTheRolesAreInTheAuditEvent() {
        String name = "allroles" + System.nanoTime() % 100000;
        List<String> every = java.util.Arrays.stream(Role.values()).map(Enum::name).toList();
        ApiClient.Response created = admin().post("/api/v1/admin/users", ApiClient.json(Map.of("name", name,
                "password", "whatever-long", "roles", every)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE subject = :s AND action = 'USER_CREATED'")
                .param("s", "user:" + name).query(String.class).single()).contains(every);
        assertThat(directory.hasRole(name, Role.ADMIN)).isTrue();
        assertThat(directory.hasRole(name, Role.FIELD)).isTrue();
    }

    @Test
    void thereIsNoOtherSignInPageThanTheConsole() {
        assertThat(ApiClient.on(port).get("/login").status()).isEqualTo(401);
        assertThat(ApiClient.on(port).get("/logout").status()).isEqualTo(401);
    }

    @Test
    void configuredUsersAreStoredHashedNeverAsConfigured() {
        assertThat(jdbc.sql("SELECT password_hash FROM staff_user WHERE name = 'clerk'").query(String.class).single())
                .startsWith("{bcrypt}").doesNotContain("clerk-pw");
    }

    private ApiClient.Response asAdmin(String method, String path) {
        return new SessionClient(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:admin-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private ApiClient.Response bearer(String secret, String path) {
        return new SessionClient(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + secret).GET());
    }

    private List<String> events(String user) {
        return audit.chain("staff:" + user).stream().map(AuditEvent::action).toList();
    }
}
