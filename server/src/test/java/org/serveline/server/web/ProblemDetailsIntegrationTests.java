package org.serveline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.RawHttp.Header;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each kind of malformed request the endpoint fuzzer found answered with a server error or a leak, now an RFC 9457
 * problem: refused by Tomcat, by Spring Security's firewall, by the multipart parser, by parameter decoding, by Jackson.
 */
@ServelineIntegrationTest
@Timeout(60)
class ProblemDetailsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aUrlTomcatCannotDecodeIsA400ProblemWithoutTheContainersName() throws IOException {
        for (String target : List.of("/api/v1/tasks/%zz", "/api/v1/tasks/%E4%B8", "/api/v1/tasks/a|b",
                "/api/v1/tasks/中文")) {
            RawHttp.Response reply = fuzzer(target, List.of(), null);

            JsonNode problem = problem(reply, 400);
            assertThat(problem.get("detail").asString()).contains("the request is malformed");
            assertThat(reply.text()).doesNotContain("Tomcat").doesNotContain("<html");
        }
    }

    @Test
    void aHeaderLineThatBreaksTheProtocolOrIsTooLargeIsA400Problem() throws IOException {
        problem(fuzzer("/api/v1/me", List.of(new Header("X-Access-Reason", "a\u0001b")), null), 400);
        problem(fuzzer("/api/v1/me", List.of(new Header("X-Filler", "x".repeat(20_000))), null), 400);
    }

    @Test
    void anEncodedSlashOrNulIsA400ProblemFromTomcat() throws IOException {
        for (String target : List.of("/api/v1/tasks/..%2f..%2fme", "/api/v1/tasks/a%00b", "/api/v1/tasks/%C0%AF")) {
            assertThat(problem(fuzzer(target, List.of(), null), 400).get("detail").asString())
                    .contains("the request is malformed");
        }
    }

    @Test
    void aUrlTheFirewallRejectsIsA400ProblemInUtf8() throws IOException {
        for (String target : List.of("/api/v1/tasks/1;x=y", "/api/v1/tasks/%2e%2e", "/api/v1//tasks",
                "/api/v1/tasks/%25")) {
            RawHttp.Response reply = fuzzer(target, List.of(), null);

            assertThat(problem(reply, 400).get("detail").asString()).contains("请求地址含有不允许的字符");
            assertThat(reply.header("Content-Type")).containsIgnoringCase("UTF-8");
        }
    }

    @Test
    void aQueryParameterThatIsNotValidPercentEncodedUtf8IsA400Problem() throws IOException {
        for (String target : List.of("/api/v1/tasks?court=%zz", "/api/v1/tasks?court=%E4%B8", "/api/v1/tasks?=x",
                "/api/v1/statistics?%zz=1")) {
            assertThat(problem(fuzzer(target, List.of(), null), 400).get("detail").asString())
                    .contains("not valid percent-encoded UTF-8");
        }
    }

    @Test
    void aMultipartBodyWithoutBoundaryOrCutShortIsA400Problem() throws IOException {
        byte[] part = "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n"
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response noBoundary = fuzzer("POST", "/api/v1/documents",
                List.of(new Header("Content-Type", "multipart/form-data")), part);
        RawHttp.Response cutShort = fuzzer("POST", "/api/v1/documents",
                List.of(new Header("Content-Type", "multipart/form-data; boundary=zz")),
                "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nabc"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(problem(noBoundary, 400).get("detail").asString()).contains("multipart body is malformed");
        assertThat(problem(cutShort, 400).get("detail").asString()).contains("multipart body is malformed");
    }

    @Test
    void anEmptyAcceptHeaderIsReadAsNoneEvenByThePrometheusEndpoint() throws IOException {
        RawHttp.Response reply = fuzzer("/actuator/prometheus", List.of(new Header("Accept", "")), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("# TYPE");
    }

    @Test
    void aFormBodyThatCannotBeDecodedOnAPatchOrPutIsNoServerError() throws IOException {
        for (String method : List.of("PATCH", "PUT", "DELETE")) {
            RawHttp.Response reply = RawHttp.exchange(port, method, "/api/v1/documents",
                    List.of(new Header("Content-Type", "application/x-www-form-urlencoded")),
                    "a=%zz&b=%".getBytes(StandardCharsets.UTF_8), java.time.Duration.ofSeconds(20));

            assertThat(reply.status()).as(method).isEqualTo(401); // anonymous: refused before any body is read
            RawHttp.Response signedIn = fuzzer(method, "/api/v1/documents",
                    List.of(new Header("Content-Type", "application/x-www-form-urlencoded")),
                    "a=%zz&b=%".getBytes(StandardCharsets.UTF_8));
            assertThat(signedIn.status()).as(method).isBetween(400, 499);
        }
    }

    @Test
    void aHealthPathBelowAComponentWithNoneIsA404Problem() throws IOException {
        for (String path : List.of("/actuator/health/db/extra", "/actuator/health/db/extra/segments/here",
                "/actuator/health/abc/extra", "/actuator/health/liveness/abc/extra")) {
            assertThat(problem(fuzzer(path, List.of(), null), 404).get("detail").asString())
                    .isEqualTo("no such health component");
        }
        assertThat(fuzzer("/actuator/health/db", List.of(), null).status()).isEqualTo(200);
        assertThat(fuzzer("/actuator/health/liveness", List.of(), null).status()).isEqualTo(200);
        assertThat(fuzzer("/actuator/health/no-such-component", List.of(), null).status()).isEqualTo(404);
    }

    @Test
    void aRepeatedParameterOfTheWrongTypeIsEchoedAsSentNotAsAJavaArray() throws IOException {
        JsonNode problem = problem(fuzzer("/api/v1/recording-reviews/queue?limit=x&limit=y", List.of(), null), 400);

        assertThat(problem.get("detail").asString()).isEqualTo("'x,y' is not a valid value for limit");
    }

    @Test
    void aWildcardContentTypeIsA415Problem() throws IOException {
        for (String type : List.of("application/*", "*/*")) {
            RawHttp.Response reply = fuzzer("PUT", "/api/v1/do-not-call/13800138000",
                    List.of(new Header("Content-Type", type)), "{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(problem(reply, 415).get("detail").asString()).contains("not a wildcard");
        }
    }

    @Test
    void aBodyOfTheWrongShapeOrTypeSaysWhichFieldWithoutNamingServerClasses() throws IOException {
        JsonNode array = problem(post("/api/v1/tasks", "[]"), 400);
        JsonNode wrongType = problem(post("/api/v1/tasks", "{\"caseNumber\":[1,2]}"), 400);
        JsonNode enumValue = problem(post("/api/v1/tasks/1/review", "{\"decision\":\"MAYBE\"}"), 400);
        JsonNode deep = problem(post("/api/v1/tasks", "{\"party\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), 400);

        assertThat(array.get("detail").asString()).isEqualTo("malformed JSON: the body: expected a JSON object");
        assertThat(wrongType.get("detail").asString()).isEqualTo("malformed JSON: field 'caseNumber': expected a text");
        assertThat(enumValue.get("detail").asString()).contains("field 'decision': 'MAYBE' is not one of");
        assertThat(deep.get("detail").asString()).startsWith("malformed JSON: field 'party'");
        for (JsonNode problem : List.of(array, wrongType, enumValue, deep)) {
            assertThat(problem.toString()).doesNotContain("org.serveline", "java.lang", "tools.jackson", "`");
        }
    }

    @Test
    void aHugeValueThatIsNotANumberIsEchoedShortened() throws IOException {
        String detail = problem(fuzzer("/api/v1/tasks/" + "9".repeat(400), List.of(), null), 400).get("detail")
                .asString();

        assertThat(detail).contains("is not a valid value for id").hasSizeLessThan(200);
    }

    @Test
    void aTaskIdNoTaskCanHaveIsA404ProblemOnEveryTaskRoute() throws IOException {
        byte[] review = "{\"decision\":\"APPROVE\"}".getBytes(StandardCharsets.UTF_8);
        byte[] lookup = "{\"purpose\":\"查找\"}".getBytes(StandardCharsets.UTF_8);
        List<Header> json = List.of(new Header("Content-Type", "application/json"));
        for (RawHttp.Response reply : List.of(fuzzer("POST", "/api/v1/tasks/0/portal-link/reissue", json, null),
                fuzzer("/api/v1/tasks/-1/receipt", List.of(), null),
                fuzzer("POST", "/api/v1/tasks/-1/resubmit", json, null),
                fuzzer("POST", "/api/v1/tasks/0/review", json, review),
                fuzzer("/api/v1/tasks/-9223372036854775808/timeline", List.of(), null),
                fuzzer("/api/v1/tasks/0/deadlines", List.of(), null),
                fuzzer("POST", "/api/v1/lookup/tasks/-7", json, lookup))) {
            assertThat(problem(reply, 404).get("detail").asString()).startsWith("no service task with id");
        }
    }

    @Test
    void theErrorPageCalledDirectlyIsA404ProblemNotAnInternalStatus() throws IOException {
        RawHttp.Response reply = ApiClient.on(port).raw("GET", "/error", List.of(new Header("Accept", "text/html")),
                null);

        assertThat(problem(reply, 404).toString()).doesNotContain("999").doesNotContain("Whitelabel");
    }

    private RawHttp.Response fuzzer(String target, List<Header> headers, byte[] body) throws IOException {
        return fuzzer("GET", target, headers, body);
    }

    private RawHttp.Response fuzzer(String method, String target, List<Header> headers, byte[] body)
            throws IOException {
        return ApiClient.on(port).as("fuzzer", "fuzzer-pw").raw(method, target, headers, body);
    }

    private RawHttp.Response post(String target, String json) throws IOException {
        return ApiClient.on(port).as("fuzzer", "fuzzer-pw").raw("POST", target,
                List.of(new Header("Content-Type", "application/json")), json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode problem(RawHttp.Response reply, int status) {
        assertThat(reply.status()).as("status of %s", reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.text());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain(".java:");
        return problem;
    }
}
