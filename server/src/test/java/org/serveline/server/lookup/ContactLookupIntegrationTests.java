package org.serveline.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Contact lookup against the real server, MariaDB and (for the dialer) the PBX simulator over AMI/FastAGI: the
 * court's CSV import, lookups only for parties the phone could not reach, every query recorded and audited,
 * numbers validated (invalid ones recorded and dropped), addresses published, a rate limit per provider, and new
 * numbers dialled before the phone channel falls back. Private schema; two more providers for the tests.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_lookup",
    "serveline.lookup.court-table.enabled=true",
    "serveline.lookup.court-table.seed=classpath:demo/known-contacts.csv",
    "serveline.lookup.rate-limits.tight-registry.max-queries=2",
    "serveline.lookup.rate-limits.tight-registry.per=PT1H",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800004001=BUSY",
    "serveline.simulator.parties.13800004010=CONSENT",
    "serveline.dialer.tick=PT0.05S",
})
class ContactLookupIntegrationTests {

    /** A registry the tests fill: name of the party → what it answers. */
    static final Map<String, List<ContactLookupProvider.ContactProposal>> REGISTRY = new ConcurrentHashMap<>();
    static final List<PartyAddressFound> ADDRESSES = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Providers {

        @Bean
        ContactLookupProvider testRegistry() {
            return new ContactLookupProvider() {
                @Override
                public String name() {
                    return "test-registry";
                }

                @Override
                public List<ContactProposal> lookup(PartyQuery party) {
                    return REGISTRY.getOrDefault(party.name(), List.of());
                }
            };
        }

        /** Answers nothing, at most twice an hour. */
        @Bean
        ContactLookupProvider tightRegistry() {
            return new ContactLookupProvider() {
                @Override
                public String name() {
                    return "tight-registry";
                }

                @Override
                public List<ContactProposal> lookup(PartyQuery party) {
                    return List.of();
                }
            };
        }

        @Bean
        Object addressListener() {
            return new Object() {
                @EventListener
                void on(PartyAddressFound found) {
                    ADDRESSES.add(found);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceTasks tasks;

    @Autowired
    ContactLookup lookup;

    @Autowired
    JdbcClient jdbc;

    TaskFixtures fixtures;
    ApiClient supervisor;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        supervisor = fixtures.supervisor;
    }

    @Test
    void aCsvWithBadLinesIsRefusedLineByLineAndImportsNothing() {
        String csv = """
                court,party_name,id_number,phone,address,source_case
                NOSUCH,甲,,13900000001,,
                NMG0303,,,13900000002,,
                NMG0303,乙,,12345,,
                NMG0303,丙,,,,
                NMG0303,丁-坏文件,,13900000005,乌海市海勃湾区1号,(2025)内0303民初1号
                """;

        ApiClient.Response refused = importCsv(csv);

        assertProblem(refused, 400, "4 line(s)");
        assertThat(refused.body().get("errors").findValuesAsString("field"))
                .containsExactly("line 2: court", "line 3: party_name", "line 4: phone", "line 5");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM court_contact WHERE party_name = '丁-坏文件'").query(Long.class)
                .single()).isZero();
        assertProblem(importCsv("name,phone\n甲,13900000001\n"), 400, "lacks");
        assertProblem(importCsv(""), 400, "CSV");
        assertProblem(importCsv("\"court,party_name\n"), 400, "not valid CSV"); // a quote never closed
        assertProblem(importCsv("\u0000"), 400, "not valid CSV"); // a header without a column name
        assertProblem(importCsv("court,court\n"), 400, "");
        assertProblem(importCsv("court,party_name,id_number,phone,address,source_case\nNMG0303,\"甲,1,2,3,4\n"), 400,
                "not valid CSV");
        assertProblem(fixtures.reviewer.post("/api/v1/lookup/contacts", "x"), 403, "");
    }

    @Test
    void theSeedFileFillsTheEmptyTableAtStartAndImportingItAgainAddsNothing() throws java.io.IOException {
        assertThat(jdbc.sql("SELECT phone, imported_by FROM court_contact WHERE party_name = '李娜'")
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list())
                .containsExactly("+8613800001010/system");

        String demo = new String(new org.springframework.core.io.ClassPathResource("demo/known-contacts.csv")
                .getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode again = importCsv(demo).body();

        assertThat(again.get("lines").asInt()).isEqualTo(3);
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);
    }

    @Test
    void aCsvImportedTwiceAddsEachContactOnce() {
        String csv = """
                court,party_name,id_number,phone,address,source_case
                NMG0303,重复甲,,+86 139 0000 0011,,(2025)内0303民初2号
                NMG0303,重复乙,150303199001011234,,乌海市海南区2号,
                """;

        JsonNode first = importCsv(csv).body();
        JsonNode second = importCsv(csv).body();

        assertThat(first.get("imported").asInt()).isEqualTo(2);
        assertThat(second.get("imported").asInt()).isZero();
        assertThat(second.get("duplicates").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT phone FROM court_contact WHERE party_name = '重复甲'").query(String.class).list())
                .containsExactly("+8613900000011");
    }

    @Test
    void aLookupIsRefusedForAPartyThePhoneHasNotFailedToReach() {
        long approved = fixtures.submitTask().get("id").asLong();
        fixtures.review(approved, "APPROVE", null);
        long onPhone = fixtures.submitTask().get("id").asLong();
        fixtures.review(onPhone, "APPROVE", null);
        moveTo(onPhone, TaskState.PHONE);
        ApiClient.Response postOnly = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", "POSTONLY",
                "caseNumber", TaskFixtures.newCaseNumber(), "party", TaskFixtures.party("无电话", "13800138000"),
                "documents", List.of(fixtures.uploadDocument()))));
        long noPhone = postOnly.body().get("id").asLong();
        fixtures.review(noPhone, "APPROVE", null);
        moveTo(noPhone, TaskState.POSTAL);

        assertProblem(lookUp(approved, "查找新号码"), 409, "phone channel has not failed");
        assertProblem(lookUp(onPhone, "查找新号码"), 409, "phone channel has not failed");
        assertProblem(lookUp(noPhone, "查找新号码"), 409, "do not include the phone");
        assertProblem(supervisor.post("/api/v1/lookup/tasks/" + onPhone, "{}"), 400, "why");
        assertProblem(fixtures.clerk.post("/api/v1/lookup/tasks/" + onPhone, "{\"purpose\":\"x\"}"), 403, "");
        assertProblem(lookUp(99_999_999, "查找新号码"), 404, "no service task");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_lookup_query WHERE task_id IN (:ids)")
                .param("ids", List.of(approved, onPhone, noPhone)).query(Long.class).single()).isZero();
    }

    @Test
    void aLookupFeedsValidNumbersToThePhoneDropsInvalidOnesAndPublishesAddresses() {
        String name = "查找甲" + System.nanoTime() % 10_000;
        importCsv("court,party_name,id_number,phone,address,source_case\n"
                + "NMG0303," + name + ",,13912345678,乌海市乌达区新华街8号,(2025)内0303民初77号\n");
        REGISTRY.put(name, List.of(new ContactLookupProvider.ContactProposal("12345", null, "测试登记机关"),
                new ContactLookupProvider.ContactProposal("+86 137 0000 1111", null, "测试登记机关")));
        long task = taskOn(name, "13800138000", TaskState.POSTAL);

        ApiClient.Response found = lookUp(task, "邮寄送达前核实地址");

        assertThat(found.status()).as("%s", found.body()).isEqualTo(200);
        assertThat(StreamSupport.stream(found.body().get("phonesAdded").spliterator(), false).map(JsonNode::asString)
                .toList())
                .containsExactlyInAnyOrder("+8613912345678", "+8613700001111");
        assertThat(tasks.get(new TaskId(task)).phones()).extracting(PartyPhone::e164, PartyPhone::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("+8613800138000", PartyPhone.PhoneStatus.UNTRIED),
                        org.assertj.core.groups.Tuple.tuple("+8613912345678", PartyPhone.PhoneStatus.UNTRIED),
                        org.assertj.core.groups.Tuple.tuple("+8613700001111", PartyPhone.PhoneStatus.UNTRIED));
        Map<String, Object> registryRow = jdbc.sql("""
                SELECT status, purpose, asked_by, case_number, numbers_found, numbers_invalid FROM contact_lookup_query
                 WHERE task_id = :task AND provider = 'test-registry'""").param("task", task).query().singleRow();
        assertThat(registryRow).containsEntry("status", "OK").containsEntry("purpose", "邮寄送达前核实地址")
                .containsEntry("asked_by", "supervisor").containsEntry("numbers_found", "+8613700001111")
                .containsEntry("numbers_invalid", "12345");
        List<JsonNode> queried = events(task, "LOOKUP_QUERIED");
        assertThat(queried).extracting(e -> e.get("details").get("provider").asString())
                .contains("court-table", "test-registry");
        JsonNode registryEvent = queried.stream()
                .filter(e -> e.get("details").get("provider").asString().equals("test-registry")).findFirst().orElseThrow();
        assertThat(registryEvent.get("details").get("numbersInvalid").get(0).asString()).isEqualTo("12345");
        assertThat(registryEvent.get("actor").asString()).isEqualTo("supervisor");
        JsonNode address = events(task, "LOOKUP_ADDRESS_FOUND").getFirst().get("details");
        assertThat(address.get("address").asString()).isEqualTo("乌海市乌达区新华街8号");
        assertThat(address.get("source").asString()).isEqualTo("法院既往案件 (2025)内0303民初77号");
        assertThat(ADDRESSES).contains(new PartyAddressFound(new TaskId(task), "乌海市乌达区新华街8号",
                "法院既往案件 (2025)内0303民初77号"));
        assertThat(actions(task)).contains("PHONES_ADDED");
        assertThat(supervisor.get("/api/v1/audit/verify?chain=task:" + task).body().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aLookupThatFindsNothingAddsNothingAndStillRecordsItsQueries() {
        long task = taskOn("查无" + System.nanoTime() % 10_000, "13800138000", TaskState.IN_PERSON);

        ApiClient.Response nothing = lookUp(task, "实地送达未遇，查找新的联系方式");

        assertThat(nothing.status()).as("%s", nothing.body()).isEqualTo(200);
        assertThat(nothing.body().get("phonesAdded")).isEmpty();
        assertThat(tasks.get(new TaskId(task)).phones()).hasSize(1);
        assertThat(events(task, "LOOKUP_QUERIED")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(actions(task)).doesNotContain("PHONES_ADDED", "LOOKUP_ADDRESS_FOUND");
    }

    @Test
    void aProviderPastItsRateLimitIsNotAskedAndThatIsRecorded() {
        for (int i = 0; i < 3; i++) {
            long task = taskOn("限流" + i + "-" + System.nanoTime() % 10_000, "13800138000", TaskState.POSTAL);
            assertThat(lookUp(task, "限流测试").status()).isEqualTo(200);
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_lookup_query WHERE provider = 'tight-registry' AND status = 'OK'")
                .query(Long.class).single()).isEqualTo(2);
        long task = taskOn("限流末" + System.nanoTime() % 10_000, "13800138000", TaskState.POSTAL);
        JsonNode answers = lookUp(task, "限流测试").body().get("answers");
        JsonNode tight = StreamSupport.stream(answers.spliterator(), false)
                .filter(a -> a.get("provider").asString().equals("tight-registry")).findFirst().orElseThrow();
        assertThat(tight.get("status").asString()).isEqualTo("RATE_LIMITED");
        assertThat(tight.get("error").asString()).contains("at most 2 queries per PT1H");
        assertThat(StreamSupport.stream(answers.spliterator(), false)
                .filter(a -> a.get("provider").asString().equals("court-table")).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("OK");
        assertThat(events(task, "LOOKUP_QUERIED")).anySatisfy(e ->
                assertThat(e.get("details").get("status").asString()).isEqualTo("RATE_LIMITED"));
    }

    @Test
    void theDialerLooksUpAnExhaustedPartyAndDialsTheNewNumberBeforeFallingBack() {
        String name = "忙线甲" + System.nanoTime() % 10_000;
        importCsv("court,party_name,id_number,phone,address,source_case\n"
                + "NMG0303," + name + ",,+86 138 0000 4010,,(2025)内0303民初88号\n");
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party(name, "+86 138 0000 4001"))));
        long task = submitted.body().get("id").asLong();
        fixtures.review(task, "APPROVE", null);
        long campaign = startCampaign("lookup-" + System.nanoTime());
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(tasks.get(new TaskId(task)).state()).isEqualTo(TaskState.ELECTRONIC));
        } finally {
            supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}");
        }
        assertThat(tasks.get(new TaskId(task)).electronicAddress()).isEqualTo("+8613800004010");
        assertThat(actions(task)).containsSubsequence("CALL_BUSY", "CALL_BUSY", "LOOKUP_QUERIED", "PHONES_ADDED",
                "CALL_DIALING", "TASK_CONSENT_CAPTURED");
        assertThat(actions(task)).doesNotContain("TASK_CHANNEL_FAILED");
        assertThat(events(task, "LOOKUP_QUERIED")).allSatisfy(e ->
                assertThat(e.get("actor").asString()).isEqualTo("dialer"));
    }

    @Test
    void theDialersLookupIsOnlyForATaskOnThePhone() {
        long task = taskOn("非电话" + System.nanoTime() % 10_000, "13800138000", TaskState.POSTAL);
        assertThatThrownBy(() -> lookup.lookupExhausted(tasks.get(new TaskId(task)), "dialer"))
                .isInstanceOf(LookupRefusedException.class);
    }

    private long startCampaign(String name) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", name), Map.entry("court", "NMG0303"), Map.entry("ringTimeout", "PT5S"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("busyRetry", "PT1S"), Map.entry("noAnswerRetry", "PT1S"),
                Map.entry("failureRetry", "PT1S"), Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
        return id;
    }

    /** POST text/csv as the supervisor (the shared ApiClient sends JSON only). */
    private ApiClient.Response importCsv(String csv) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                                    + "/api/v1/lookup/contacts"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    "supervisor:supervisor-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .header("Content-Type", "text/csv; charset=UTF-8")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isEmpty() ? null : tools.jackson.databind.json.JsonMapper.builder().build()
                            .readTree(response.body()), response.headers());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient.Response lookUp(long task, String purpose) {
        return supervisor.post("/api/v1/lookup/tasks/" + task, ApiClient.json(Map.of("purpose", purpose)));
    }

    private long taskOn(String name, String phone, TaskState state) {
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party(name, phone))));
        assertThat(submitted.status()).as("submit: %s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        moveTo(id, state);
        return id;
    }

    private void moveTo(long id, TaskState state) {
        TaskId task = new TaskId(id);
        if (tasks.get(task).state() == TaskState.APPROVED) {
            tasks.move(task, TaskTrigger.DISPATCH, "test", null);
        }
        while (tasks.get(task).state() != state) {
            tasks.move(task, TaskTrigger.CHANNEL_FAILED, "test", "test falls back");
        }
    }

    private List<String> actions(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body().findValuesAsString("action");
    }

    private List<JsonNode> events(long task, String action) {
        JsonNode timeline = fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body();
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(e -> e.get("action").asString().equals(action)).toList();
    }
}
