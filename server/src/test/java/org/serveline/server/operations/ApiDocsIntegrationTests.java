package org.serveline.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.security.EndpointAccess;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * /v3/api-docs is usable by a client: it says how to prove who one is (token, session with its CSRF header, Basic),
 * describes the sign-in form and sign-out, and lists per operation the problems it can really answer.
 */
@ServelineIntegrationTest
@Timeout(120)
class ApiDocsIntegrationTests {

    @LocalServerPort
    int port;

    JsonNode docs;

    @BeforeEach
    void read() {
        ApiClient.Response answer = ApiClient.on(port).as("supervisor", "supervisor-pw").get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        docs = answer.body();
    }

    @Test
    void theSecuritySchemesAreDeclaredAndAnyOneOfThemSignsARequestIn() {
        JsonNode schemes = docs.get("components").get("securitySchemes");
        assertThat(schemes.get("apiToken").get("type").asString()).isEqualTo("http");
        assertThat(schemes.get("apiToken").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("session").get("type").asString()).isEqualTo("apiKey");
        assertThat(schemes.get("session").get("in").asString()).isEqualTo("cookie");
        assertThat(schemes.get("session").get("name").asString()).isEqualTo("JSESSIONID");
        assertThat(schemes.get("csrf").get("in").asString()).isEqualTo("header");
        assertThat(schemes.get("csrf").get("name").asString()).isEqualTo("X-XSRF-TOKEN");
        assertThat(schemes.get("basic").get("scheme").asString()).isEqualTo("basic");
        assertThat(docs.get("security").toString())
                .isEqualTo("[{\"apiToken\":[]},{\"session\":[],\"csrf\":[]},{\"basic\":[]}]");
    }

    @Test
    void signInAndSignOutAreDescribed() {
        JsonNode signIn = docs.get("paths").get("/api/v1/sign-in").get("post");
        assertThat(signIn.get("security").isEmpty()).isTrue();
        JsonNode form = signIn.get("requestBody").get("content").get("application/x-www-form-urlencoded").get("schema");
        assertThat(form.get("properties").has("username")).isTrue();
        assertThat(form.get("properties").get("password").get("format").asString()).isEqualTo("password");
        JsonNode responses = signIn.get("responses");
        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "401", "403", "429");
        assertThat(responses.get("200").get("content").get("application/json").get("schema").get("properties")
                .has("roles")).isTrue();
        assertThat(responses.get("429").get("headers").has("Retry-After")).isTrue();
        assertThat(responses.get("429").get("content").has("application/problem+json")).isTrue();
        assertThat(signIn.get("parameters").toString()).contains("X-XSRF-TOKEN");

        JsonNode signOut = docs.get("paths").get("/api/v1/sign-out").get("post");
        assertThat(signOut.get("responses").has("204")).isTrue();
        assertThat(signOut.get("summary").asString()).startsWith("退出登录");
    }

    @Test
    void eachOperationListsTheProblemsItCanAnswer() {
        List<String> wrong = new ArrayList<>();
        int open = 0;
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            if (path.getKey().startsWith("/api/v1/sign-")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                JsonNode operation = entry.getValue();
                JsonNode responses = operation.get("responses");
                String where = method + " " + path.getKey();
                EndpointAccess.Access access = EndpointAccess.ruleFor(method,
                        path.getKey().replaceAll("\\{[^}]+}", "x")).orElseThrow().access();
                if (access instanceof EndpointAccess.Open) {
                    open++;
                    if (!operation.has("security") || !operation.get("security").isEmpty()) {
                        wrong.add(where + ": open, yet asks for credentials");
                    }
                    if (responses.has("429") || responses.has("401") && !path.getKey().contains("webhook")
                            || responses.has("403") && !path.getKey().startsWith("/s/")) {
                        wrong.add(where + ": open, yet lists a refusal by the security: " + responses.propertyNames());
                    }
                } else {
                    for (String status : List.of("401", "403", "429")) {
                        if (!responses.has(status)) {
                            wrong.add(where + ": needs a sign-in, yet does not list " + status);
                        }
                    }
                    if (operation.has("security")) {
                        wrong.add(where + ": its own security overrides the global schemes");
                    }
                }
                boolean body = operation.has("requestBody");
                if (body != responses.has("415")) {
                    wrong.add(where + ": " + (body ? "takes a body, yet does not list 415" : "lists 415 without a body"));
                }
                boolean upload = body && operation.get("requestBody").get("content").has("multipart/form-data");
                if (upload != responses.has("413")) {
                    wrong.add(where + ": " + (upload ? "an upload, yet does not list 413" : "lists 413, not an upload"));
                }
            }
        }
        assertThat(open).as("open operations found (portal, receipts, notices, webhook, demo)").isGreaterThan(3);
        assertThat(wrong).isEmpty();
        JsonNode upload = docs.get("paths").get("/api/v1/documents").get("post");
        assertThat(upload.get("responses").get("413").get("content").has("application/problem+json")).isTrue();
        assertThat(upload.get("description").asString()).contains("CLERK").contains("ADMIN");
    }
}
