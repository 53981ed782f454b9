package org.serveline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.RawHttp;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The same bad request, asked in Chinese ({@code Accept-Language: zh-CN}, as the console asks) and in English or in
 * no language (as an API client asks): title, detail and each violation's message come in the reader's language,
 * each violation naming its field either way (ADR 0026). Over real HTTP against the running server.
 */
@ServelineIntegrationTest
@Timeout(60)
class ProblemLanguageIntegrationTests {

    @LocalServerPort
    int port;

    private TaskFixtures fixtures() {
        return new TaskFixtures(port);
    }

    @Test
    void aSubmissionWithAnInvalidPhoneIsToldInTheReadersLanguage() {
        TaskFixtures fixtures = fixtures();
        String body = ApiClient.json(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party("张三", "13800138000", "12345")));

        JsonNode zh = problem(fixtures.clerk.inLanguage("zh-CN").post("/api/v1/tasks", body), 400);
        assertThat(zh.get("title").asString()).isEqualTo("请求有误");
        assertThat(zh.get("detail").asString()).isEqualTo("“12345”不是有效的电话号码");
        assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("party.phones[1]");
        assertThat(zh.get("errors").get(0).get("message").asString()).isEqualTo("“12345”不是有效的电话号码");
        assertThat(zh.get("errors").get(0).has("text")).as("the key is not sent").isFalse();

        for (ApiClient english : new ApiClient[] {fixtures.clerk.inLanguage("en"), fixtures.clerk,
                fixtures.clerk.inLanguage("fr-FR, en;q=0.5")}) {
            JsonNode en = problem(english.post("/api/v1/tasks", body), 400);
            assertThat(en.get("title").asString()).isEqualTo("Invalid request");
            assertThat(en.get("detail").asString()).isEqualTo("'12345' is not a valid phone number");
            assertThat(en.get("errors").get(0).get("field").asString()).isEqualTo("party.phones[1]");
            assertThat(en.get("errors").get(0).get("message").asString()).isEqualTo("'12345' is not a valid phone number");
        }
    }

    @Test
    void aSubmissionWithoutDocumentsIsToldInTheReadersLanguageByServelinesOwnValidationMessage() {
        TaskFixtures fixtures = fixtures();
        Map<String, Object> request = new java.util.HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party("张三", "13800138000")));
        request.put("documents", List.of());
        String body = ApiClient.json(request);

        JsonNode zh = problem(fixtures.clerk.inLanguage("zh-CN").post("/api/v1/tasks", body), 400);
        assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("documents");
        assertThat(zh.get("errors").get(0).get("message").asString()).isEqualTo("至少需要一份文书");
        JsonNode en = problem(fixtures.clerk.post("/api/v1/tasks", body), 400);
        assertThat(en.get("errors").get(0).get("message").asString()).isEqualTo("at least one document is required");
    }

    @Test
    void aChineseRangeBeforeEnglishWinsAndEnglishBeforeChineseToo() throws IOException {
        TaskFixtures fixtures = fixtures();
        assertThat(problem(fixtures.clerk.inLanguage("zh;q=0.9, en;q=0.8").get("/api/v1/tasks/987654321"), 404)
                .get("detail").asString()).isEqualTo("没有编号为 987654321 的送达任务");
        assertThat(problem(fixtures.clerk.inLanguage("en-GB, zh-CN;q=0.5").get("/api/v1/tasks/987654321"), 404)
                .get("detail").asString()).isEqualTo("no service task with id 987654321");
        assertThat(problem(fixtures.clerk.inLanguage("not a language ;;q=x").get("/api/v1/tasks/987654321"), 404)
                .get("detail").asString()).isEqualTo("no service task with id 987654321");
        // a value the firewall refuses when it is read (not ASCII): English, never a server error
        RawHttp.Response refused = fixtures.clerk.raw("GET", "/api/v1/tasks/987654321",
                List.of(new RawHttp.Header("Accept-Language", "键")), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(refused.text()).contains("no service task with id 987654321");
    }

    @Test
    void aCampaignWithANonPositiveRateNamesItsFieldInTheReadersLanguage() {
        TaskFixtures fixtures = fixtures();
        String body = ApiClient.json(Map.of("name", "语言测试活动", "maxCallsPerSecond", 0));

        JsonNode zh = problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns", body), 400);
        assertThat(zh.get("detail").asString()).isEqualTo("须大于 0");
        assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("maxCallsPerSecond");
        assertThat(zh.get("errors").get(0).get("message").asString()).isEqualTo("须大于 0");

        JsonNode en = problem(fixtures.supervisor.post("/api/v1/campaigns", body), 400);
        assertThat(en.get("detail").asString())
                .isEqualTo("impossible campaign limits: maxCallsPerSecond must be positive");
        assertThat(en.get("errors").get(0).get("field").asString()).isEqualTo("maxCallsPerSecond");

        String hours = ApiClient.json(Map.of("name", "语言测试活动", "callingFrom", "18:00:00", "callingUntil", "09:00:00"));
        JsonNode zhHours = problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns", hours), 400);
        assertThat(zhHours.get("errors").get(0).get("field").asString()).isEqualTo("callingUntil");
        assertThat(zhHours.get("detail").asString()).isEqualTo("呼叫时段的开始时间（18:00）须早于结束时间（09:00）");
    }

    @Test
    void beanValidationMessagesFollowTheRequestsLanguage() {
        TaskFixtures fixtures = fixtures();
        String body = ApiClient.json(Map.of("name", " "));

        JsonNode zh = problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns", body), 400);
        assertThat(zh.get("detail").asString()).isEqualTo("有 1 项填写有误");
        assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(zh.get("errors").get(0).get("message").asString()).isEqualTo("不能为空");

        JsonNode en = problem(fixtures.supervisor.post("/api/v1/campaigns", body), 400);
        assertThat(en.get("detail").asString()).isEqualTo("1 field(s) are invalid");
        assertThat(en.get("errors").get(0).get("message").asString()).isEqualTo("must not be blank");
    }

    @Test
    void aConflictIsToldInTheReadersLanguageWithTheStatesByTheirNames() {
        TaskFixtures fixtures = fixtures();
        long id = fixtures.submitTask().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        String approve = ApiClient.json(Map.of("decision", "APPROVE"));

        JsonNode zh = problem(fixtures.reviewer.inLanguage("zh-CN").post("/api/v1/tasks/" + id + "/review", approve),
                409);
        assertThat(zh.get("title").asString()).isEqualTo("冲突");
        assertThat(zh.get("detail").asString()).isEqualTo("任务当前为“已批准”，不能审查通过：当前状态不允许此操作");

        JsonNode en = problem(fixtures.reviewer.post("/api/v1/tasks/" + id + "/review", approve), 409);
        assertThat(en.get("title").asString()).isEqualTo("Conflict");
        assertThat(en.get("detail").asString())
                .isEqualTo("cannot APPROVE a task in state APPROVED: no such move from APPROVED");

        String campaign = ApiClient.json(Map.of("name", "语言测试冲突" + id));
        long campaignId = fixtures.supervisor.post("/api/v1/campaigns", campaign).body().get("id").asLong();
        assertThat(problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns/" + campaignId + "/resume",
                "{}"), 409).get("detail").asString()).isEqualTo("只有已暂停的外呼活动才能恢复");
        assertThat(problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns", campaign), 409)
                .get("detail").asString()).isEqualTo("已有名为“语言测试冲突" + id + "”的外呼活动");
        assertThat(problem(fixtures.supervisor.post("/api/v1/campaigns", campaign), 409).get("detail").asString())
                .isEqualTo("a campaign named '语言测试冲突" + id + "' exists already");
    }

    @Test
    void aNotFoundIsToldInTheReadersLanguageWithItsNumberAsWritten() {
        TaskFixtures fixtures = fixtures();
        JsonNode zh = problem(fixtures.clerk.inLanguage("zh-CN").get("/api/v1/tasks/1234567"), 404);
        assertThat(zh.get("title").asString()).isEqualTo("未找到");
        assertThat(zh.get("detail").asString()).isEqualTo("没有编号为 1234567 的送达任务");

        JsonNode en = problem(fixtures.clerk.inLanguage("en").get("/api/v1/tasks/1234567"), 404);
        assertThat(en.get("title").asString()).isEqualTo("Not found");
        assertThat(en.get("detail").asString()).isEqualTo("no service task with id 1234567");
    }

    @Test
    void malformedJsonAndAValueOfTheWrongTypeAreToldInTheReadersLanguage() {
        TaskFixtures fixtures = fixtures();
        JsonNode zh = problem(fixtures.clerk.inLanguage("zh-CN").post("/api/v1/tasks", "{\"court\": "), 400);
        assertThat(zh.get("detail").asString()).startsWith("JSON 格式不正确");
        JsonNode en = problem(fixtures.clerk.post("/api/v1/tasks", "{\"court\": "), 400);
        assertThat(en.get("detail").asString()).startsWith("malformed JSON");

        String wrongType = "{\"name\": \"语言测试类型\", \"maxCallsPerSecond\": \"abc\"}";
        assertThat(problem(fixtures.supervisor.inLanguage("zh-CN").post("/api/v1/campaigns", wrongType), 400)
                .get("detail").asString()).isEqualTo("JSON 格式不正确：字段“maxCallsPerSecond”：“abc”不是范围内的数字");
        assertThat(problem(fixtures.supervisor.post("/api/v1/campaigns", wrongType), 400).get("detail").asString())
                .isEqualTo("malformed JSON: field 'maxCallsPerSecond': 'abc' is not a number in range");

        assertThat(problem(fixtures.clerk.inLanguage("zh-CN").get("/api/v1/tasks/abc"), 400).get("detail").asString())
                .isEqualTo("“abc”不是 id 的有效值");
    }

    @Test
    void aDocumentOfATypeNotAcceptedIsToldInTheReadersLanguage() {
        TaskFixtures fixtures = fixtures();
        byte[] text = "只是一段文字，不是文书".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        JsonNode zh = problem(fixtures.clerk.inLanguage("zh-CN").upload("说明.txt", text), 400);
        assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(zh.get("detail").asString()).startsWith("不接受类型为 ").contains(" 的文书，可接受：");
        JsonNode en = problem(fixtures.clerk.upload("说明.txt", text), 400);
        assertThat(en.get("detail").asString()).startsWith("documents of type ").contains(" are not accepted; allowed: ");
    }

    private static JsonNode problem(ApiClient.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.body();
    }
}
