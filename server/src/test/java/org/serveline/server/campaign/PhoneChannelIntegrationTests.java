package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The phone channel end to end: a running campaign dials approved tasks through the PBX simulator over real
 * AMI and FastAGI (the notice rendered by espeak-ng), and each outcome moves its task. Private schema.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_phone",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800002001=CONSENT",
    "serveline.simulator.parties.13800002002=REFUSE",
    "serveline.simulator.parties.13800002004=BUSY",
    "serveline.simulator.parties.4731232008=ENTER_NUMBER:13912345678",
    "serveline.simulator.parties.13800002003=NO_ANSWER",
    "serveline.simulator.parties.13800002011=ANSWERING_MACHINE",
    "serveline.simulator.parties.13800002012=CARRIER_CAUSE:1",
    "serveline.simulator.parties.13800002013=CARRIER_CAUSE:20",
    "serveline.simulator.parties.13800002014=CONSENT",
    "serveline.dialer.tick=PT0.05S",
})
class PhoneChannelIntegrationTests {

    @LocalServerPort
    int port;

    TaskFixtures fixtures;
    ApiClient supervisor;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        supervisor = fixtures.supervisor;
    }

    @Test
    void consentRefusalAndExhaustedRetriesEachMoveTheirTask() {
        long consent = approvedTask("张同意", "+86 138 0000 2001");
        long refuse = approvedTask("王拒绝", "+86 138 0000 2002");
        long busy = approvedTask("刘占线", "+86 138 0000 2004");
        long keyed = approvedTask("周座机", "+86 473 123 2008");
        long blocked = approvedTask("赵免扰", "+86 138 0000 2003");
        assertThat(supervisor.put("/api/v1/do-not-call/+8613800002003",
                ApiClient.json(Map.of("reason", "party asked not to be called"))).status()).isEqualTo(204);

        long campaign = startCampaign("it-" + System.nanoTime());

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(state(consent)).isEqualTo("ELECTRONIC");
            assertThat(state(refuse)).isEqualTo("POSTAL");
            assertThat(state(busy)).isEqualTo("POSTAL");
            assertThat(state(keyed)).isEqualTo("ELECTRONIC");
            assertThat(state(blocked)).isEqualTo("POSTAL");
        });

        JsonNode consented = task(consent);
        assertThat(consented.get("electronicAddress").asString()).isEqualTo("+8613800002001");
        JsonNode attempt = consented.get("attempts").get(0);
        assertThat(attempt.get("outcome").asString()).isEqualTo("CONSENTED");
        assertThat(attempt.get("consentDigit").asString()).isEqualTo("1");
        assertThat(attempt.get("scriptVersion").asString()).startsWith("notice-v2.zh@");
        assertThat(Duration.parse(attempt.get("decisionOffset").asString())).isPositive();
        assertThat(timelineActions(consent)).containsSubsequence("TASK_DISPATCH", "CALL_DIALING", "NOTICE_CONSENTED",
                "CALL_CONSENTED", "TASK_CONSENT_CAPTURED");

        assertThat(task(keyed).get("electronicAddress").asString()).isEqualTo("+8613912345678");
        assertThat(task(busy).get("attempts").findValuesAsString("outcome")).containsOnly("BUSY").hasSize(2);
        assertThat(timelineActions(busy)).containsSubsequence("CALL_BUSY", "NEXT_CALL_SCHEDULED", "CALL_DIALING",
                "CALL_BUSY", "TASK_CHANNEL_FAILED");
        assertThat(task(blocked).get("attempts").size()).isZero();
        assertThat(timelineActions(refuse)).contains("CALL_REFUSED", "TASK_CHANNEL_FAILED");

        JsonNode progress = supervisor.get("/api/v1/campaigns/" + campaign + "/progress").body();
        assertThat(progress.get("consented").asLong()).isEqualTo(2);
        assertThat(progress.get("refused").asLong()).isEqualTo(1);
        assertThat(progress.get("inCall").asLong()).isZero();
    }

    /** Issue 12: machines, carriers' causes, and an answered call that ends at its last hang-up. */
    @Test
    void machinesAndCarrierCausesAreTheirOwnOutcomesAndAnsweredCallsEndAtTheirHangup() {
        long machine = approvedTask("钱答录", "+86 138 0000 2011");
        long unallocated = approvedTask("孙空号", "+86 138 0000 2012");
        long absent = approvedTask("李关机", "+86 138 0000 2013");
        long consent = approvedTask("吴同意", "+86 138 0000 2014");

        long campaign = startCampaign("it-causes-" + System.nanoTime());

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(state(machine)).isEqualTo("POSTAL");
            assertThat(state(unallocated)).isEqualTo("POSTAL");
            assertThat(state(absent)).isEqualTo("POSTAL");
            assertThat(state(consent)).isEqualTo("ELECTRONIC");
        });

        JsonNode machineAttempts = task(machine).get("attempts");
        assertThat(machineAttempts.findValuesAsString("outcome")).containsOnly("ANSWERING_MACHINE").hasSize(2);
        assertThat(machineAttempts.get(0).get("noticeResult").isNull()).as("the notice never ran").isTrue();
        assertThat(machineAttempts.get(0).get("answeredAt").isNull()).as("a machine answered").isFalse();
        assertThat(timelineActions(machine)).contains("CALL_ANSWERING_MACHINE", "NEXT_CALL_SCHEDULED");

        JsonNode bad = task(unallocated).get("attempts").get(0);
        assertThat(bad.get("outcome").asString()).isEqualTo("INVALID_NUMBER");
        assertThat(bad.get("hangupCause").asInt()).isEqualTo(1);
        assertThat(task(unallocated).get("attempts").size()).as("a bad number is not dialled again").isEqualTo(1);
        assertThat(task(unallocated).get("phones").get(0).get("status").asString()).isEqualTo("BAD");

        assertThat(task(absent).get("attempts").findValuesAsString("outcome")).containsOnly("UNREACHABLE").hasSize(2);
        assertThat(task(absent).get("attempts").get(0).get("hangupCause").asInt()).isEqualTo(20);

        JsonNode consented = task(consent).get("attempts").get(0);
        assertThat(consented.get("outcome").asString()).isEqualTo("CONSENTED");
        Instant answered = Instant.parse(consented.get("answeredAt").asString());
        Instant ended = Instant.parse(consented.get("endedAt").asString());
        Duration offset = Duration.parse(consented.get("decisionOffset").asString());
        assertThat(ended).as("the call ended at its hang-up, after the consent was keyed")
                .isAfter(answered.plus(offset));
        assertThat(consented.get("hangupCause").asInt()).isEqualTo(16);
        assertThat(consented.get("operatorAnsweredAt").isNull()).as("no operator on a notice call").isTrue();
        // the other test counts its own campaign's progress: this one dials nothing more
        assertThat(supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}").status()).isEqualTo(200);
    }

    @Test
    void impossibleLimitsAndIllegalCampaignMovesAreRefused() {
        assertProblem(supervisor.post("/api/v1/campaigns", ApiClient.json(Map.of("name", "bad hours",
                "callingFrom", "21:00", "callingUntil", "08:00"))), 400, "start before they end");
        assertProblem(supervisor.post("/api/v1/campaigns", ApiClient.json(Map.of("name", "bad rate",
                "maxCallsPerSecond", 0))), 400, "maxCallsPerSecond");
        long id = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.of("name", "moves-" + System.nanoTime())))
                .body().get("id").asLong();
        assertProblem(supervisor.post("/api/v1/campaigns/" + id + "/resume", "{}"), 409, "paused");
        assertThat(supervisor.post("/api/v1/campaigns/" + id + "/stop", "{}").status()).isEqualTo(200);
        assertProblem(supervisor.post("/api/v1/campaigns/" + id + "/start", "{}"), 409, "STOPPED");
        assertProblem(supervisor.get("/api/v1/campaigns/999999"), 404, "no campaign");
        assertProblem(fixtures.clerk.post("/api/v1/campaigns", ApiClient.json(Map.of("name", "x"))), 403, "");
        assertProblem(supervisor.put("/api/v1/do-not-call/12345", ApiClient.json(Map.of("reason", "x"))), 400,
                "E.164");
    }

    private long startCampaign(String name) {
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", name), Map.entry("court", "NMG0303"), Map.entry("ringTimeout", "PT5S"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("busyRetry", "PT1S"), Map.entry("noAnswerRetry", "PT1S"),
                Map.entry("failureRetry", "PT1S"), Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").body().get("state").asString())
                .isEqualTo("RUNNING");
        return id;
    }

    private long approvedTask(String name, String phone) {
        JsonNode task = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party(name, phone)))).body();
        long id = task.get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    private JsonNode task(long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body();
    }

    private String state(long id) {
        return task(id).get("state").asString();
    }

    private List<String> timelineActions(long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id + "/timeline").body().findValuesAsString("action");
    }
}
