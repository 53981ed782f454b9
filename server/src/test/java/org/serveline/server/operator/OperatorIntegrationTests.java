package org.serveline.server.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.pbxsim.PbxSimulator;
import org.serveline.pbxsim.SimulatorConfig;
import org.serveline.pbxsim.call.SimChannel;
import org.serveline.pbxsim.party.PartyBehaviour;
import org.serveline.pbxsim.party.PartyTiming;
import org.serveline.pbxsim.pjsip.ContactActions;
import org.serveline.server.call.AttemptState;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.call.NoticeHeard;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Operators against the PBX simulator over real AMI and FastAGI: the simulator lists PJSIP/agent100 as a registered
 * device (DeviceStateList) and answers it as a softphone that stays on the line; PJSIP/agent200 is not
 * registered. Private schema; the context (and its AMI link) is closed with the simulator.
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_operators",
    "serveline.dialer.enabled=false",
})
@Timeout(120)
class OperatorIntegrationTests {

    private static final String REGISTERED = "PJSIP/agent100";
    private static final String UNREGISTERED = "PJSIP/agent200";
    private static PbxSimulator simulator;

    @DynamicPropertySource
    static void pbx(DynamicPropertyRegistry registry) throws Exception {
        Path spool = Files.createTempDirectory("serveline-operators-spool");
        PartyTiming softphone = PartyTiming.DEFAULT.withRingTime(Duration.ofMillis(500))
                .withHoldTime(Duration.ofMinutes(30));
        simulator = new PbxSimulator(SimulatorConfig.builder().amiPort(0).credentials("serveline", "ops-secret")
                .timeScale(0.05).spoolDir(spool).party("agent100", new PartyBehaviour.Consent(softphone))
                .amiEventFilter(SimulatorConfig.servelineEventFilter()) // as the shipped manager.conf filters
                .party("agent101", new PartyBehaviour.Consent(softphone))
                .contacts(List.of(new ContactActions.Contact("agent100", "sip:agent100@127.0.0.1:5070"),
                        new ContactActions.Contact("agent101", "sip:agent101@127.0.0.1:5071"))).build());
        int port = simulator.start().ami();
        registry.add("serveline.telephony.pbxs[0].id", () -> "sim-ops");
        registry.add("serveline.telephony.pbxs[0].host", () -> "127.0.0.1");
        registry.add("serveline.telephony.pbxs[0].port", () -> port);
        registry.add("serveline.telephony.pbxs[0].username", () -> "serveline");
        registry.add("serveline.telephony.pbxs[0].secret", () -> "ops-secret");
        registry.add("serveline.telephony.pbxs[0].trunks[0].name", () -> "sim-trunk");
        registry.add("serveline.telephony.pbxs[0].trunks[0].dial-string", () -> "Local/{number}@simulated-parties");
        registry.add("serveline.telephony.pbxs[0].trunks[0].number-format", () -> "NATIONAL");
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    PbxGateway gateway;
    @Autowired
    CallAttempts attempts;
    @Autowired
    JdbcClient jdbc;

    OperatorDesk operator;
    OperatorDesk operator2;

    @BeforeEach
    void setUp() {
        operator = new OperatorDesk(port, "operator", "operator-pw");
        operator2 = new OperatorDesk(port, "operator2", "operator2-pw");
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.isUp("sim-ops"));
    }

    @AfterEach
    void hangUpAndSignOut() {
        for (OperatorDesk desk : List.of(operator, operator2)) {
            JsonNode me = desk.api.get("/api/v1/operators/me").body();
            if (me != null && me.hasNonNull("currentTaskId")) {
                desk.post(me.get("currentTaskId").asLong(), "hangup", Map.of());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> desk.signOut() != 409);
        }
    }

    @Test
    void anUnregisteredEndpointSignsInButCannotTakeOrPlaceCalls() {
        long task = operator2.approvedTask("孙未注册", "+86 138 0000 3101");
        ApiClient.Response signedIn = operator2.signIn(UNREGISTERED);

        assertThat(signedIn.status()).isEqualTo(201);
        assertThat(signedIn.body().get("registered").asBoolean()).isFalse();
        assertThat(signedIn.body().get("registration").asString()).isEqualTo("unknown");
        assertProblem(operator2.next(), 409, "not registered");
        assertProblem(operator2.call(task), 409, "not registered");
        assertThat(operator2.state(task)).isEqualTo("APPROVED");
        assertThat(simulator.channels()).noneMatch(ch -> ch.name().contains("agent200"));
    }

    @Test
    void badSessionRequestsAreRefusedClearly() {
        assertProblem(operator.api.get("/api/v1/operators/me"), 404, "not signed in");
        assertProblem(operator.next(), 404, "not signed in");
        assertProblem(operator.api.post("/api/v1/operators/me/session", "{}"), 400, "PJSIP endpoint");
        assertProblem(operator.signIn("PJSIP/agent100&PJSIP/agent101"), 400, "PJSIP endpoint");
        assertProblem(operator.signIn("Local/100@agents"), 400, "PJSIP endpoint");
        assertProblem(operator.api.post("/api/v1/operators/me/session", "{\"endpoint\": 12, \"x\": 1}"), 400, "");
        assertThat(operator.signIn(REGISTERED).status()).isEqualTo(201);
        assertProblem(operator2.signIn(REGISTERED), 409, "in use by operator operator");
        assertProblem(operator.fixtures.clerk.post("/api/v1/operators/me/session",
                ApiClient.json(Map.of("endpoint", "PJSIP/agent300"))), 403, "");
    }

    @Test
    void aRegisteredOperatorTakesTheNextTaskAndTheCallRingsTheSoftphoneThenTheParty() {
        long task = operator.approvedTask("周预览", "+86 138 0000 3201");
        ApiClient.Response signedIn = operator.signIn(REGISTERED);
        assertThat(signedIn.body().get("registered").asBoolean()).isTrue();
        assertThat(signedIn.body().get("registration").asString()).isEqualTo("Not in use");
        assertThat(signedIn.body().get("pbxId").asString()).isEqualTo("sim-ops");

        JsonNode taken = operator.next().body();
        assertThat(taken.get("task").get("id").asLong()).isEqualTo(task);
        assertThat(taken.get("task").get("state").asString()).isEqualTo("PHONE");
        assertThat(taken.get("source").asString()).isEqualTo("PREVIEW");
        assertThat(taken.get("script").get(0).asString()).contains("周预览");
        assertThat(operator.next().body().get("task").get("id").asLong()).as("next again: the same task")
                .isEqualTo(task);
        assertThat(operator2.signIn("PJSIP/agent101").body().get("registered").asBoolean()).isTrue();
        assertProblem(operator2.call(task), 409, "holds no task");

        assertProblem(operator.post(task, "call", Map.of("number", "12345")), 422, "not a valid phone number");
        assertProblem(operator.post(task, "call", Map.of("number", "+86 139 0000 9999")), 422,
                "not a number of this party");
        assertProblem(operator.post(task + 100_000, "call", Map.of()), 409, "is not the task operator operator holds");
        assertThat(operator.task(task).get("attempts").size()).as("nothing dialled").isZero();

        ApiClient.Response call = operator.call(task);
        assertThat(call.status()).as("%s", call.body()).isEqualTo(201);
        String attempt = call.body().get("attemptId").asString();
        assertThat(operator.signOut()).as("sign-out with a call on the line").isEqualTo(409);
        assertThat(call.body().get("number").asString()).isEqualTo("+8613800003201");

        await().atMost(Duration.ofSeconds(20)).until(() -> channelOf(attempt) != null);
        SimChannel channel = channelOf(attempt);
        assertThat(channel.name()).startsWith("PJSIP/agent100");
        assertThat(channel.variable("SERVELINE_PARTY_DIAL")).isEqualTo("Local/13800003201@simulated-parties");
        assertThat(channel.variable("SERVELINE_OPERATOR")).isEqualTo(REGISTERED);
        assertThat(channel.variable("SERVELINE_TASK_ID")).isEqualTo(Long.toString(task));
        JsonNode row = operator.task(task).get("attempts").get(0);
        assertThat(row.get("operator").asString()).isEqualTo("operator");
        assertThat(row.get("id").asString()).isEqualTo(attempt);
    }

    @Test
    void aDoubleClickOnCallDialsOnce() {
        long task = operator.approvedTask("吴双击", "+86 138 0000 3301");
        operator.signIn(REGISTERED);
        operator.next();
        long originatedBefore = simulator.counters().callsStarted();

        CompletableFuture<ApiClient.Response> click = CompletableFuture.supplyAsync(() -> operator.call(task));
        CompletableFuture<ApiClient.Response> doubleClick = CompletableFuture.supplyAsync(() -> operator.call(task));
        List<ApiClient.Response> responses = List.of(click.join(), doubleClick.join());

        assertThat(responses).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(201, 409);
        ApiClient.Response placed = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        assertProblem(responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow(), 409, "already live");
        assertProblem(operator.call(task), 409, "already live");
        assertThat(operator.task(task).get("attempts").size()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> channelOf(placed.body().get("attemptId").asString()) != null);
        assertThat(simulator.counters().callsStarted() - originatedBefore).isEqualTo(1);
    }

    @Test
    void aTaskWhoseCourtServesByPostFirstIsDispatchedThereAndSkipped() {
        long phone = operator.approvedTask("钱电话", "+86 138 0000 3951");
        long postal = operator.approvedTaskIn("POSTONLY", "孙邮寄", "+86 138 0000 3952");
        operator.signIn(REGISTERED);

        assertThat(operator.next().body().get("task").get("id").asLong()).isEqualTo(phone);
        assertThat(operator.state(postal)).isEqualTo("POSTAL");
    }

    @Test
    void aPartyWhoPressesZeroRingsTheFreeOperatorsLive() throws Exception {
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", simulator.ports().ami(), "serveline",
                "ops-secret").createManagerConnection();
        ami.login();
        try {
            operator.signIn(REGISTERED);
            await().atMost(Duration.ofSeconds(20)).until(() -> global(ami).equals(REGISTERED));
            operator2.signIn("PJSIP/agent101");
            await().atMost(Duration.ofSeconds(20)).until(() -> global(ami).equals("PJSIP/agent100&PJSIP/agent101"));
            operator.approvedTask("何转接", "+86 138 0000 3991");

            assertThat(operator.next().status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> global(ami).equals("PJSIP/agent101"));
        } finally {
            ami.logoff();
        }
    }

    private static String global(ManagerConnection ami) throws Exception {
        ManagerResponse response = ami.sendAction(new GetVarAction("SERVELINE_DEFAULT_OPERATORS"), 5000);
        return response instanceof GetVarResponse value && value.getValue() != null ? value.getValue() : "";
    }

    @Test
    void twoOperatorsTakingNextAtOnceGetDifferentTasks() {
        long first = operator.approvedTask("甲并发", "+86 138 0000 3901");
        long second = operator.approvedTask("乙并发", "+86 138 0000 3902");
        operator.signIn(REGISTERED);
        operator2.signIn("PJSIP/agent101");

        CompletableFuture<ApiClient.Response> one = CompletableFuture.supplyAsync(operator::next);
        CompletableFuture<ApiClient.Response> two = CompletableFuture.supplyAsync(operator2::next);

        List<Long> taken = List.of(one.join().body().get("task").get("id").asLong(),
                two.join().body().get("task").get("id").asLong());
        assertThat(taken).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void markingConsentMovesTheTaskToElectronicWithTheOffsetIntoTheRecording() {
        long task = operator.approvedTask("郑同意", "+86 138 0000 3401");
        operator.signIn(REGISTERED);
        operator.next();
        assertProblem(operator.post(task, "consent", Map.of()), 409, "no recorded call");
        String attempt = operator.call(task).body().get("attemptId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());

        assertProblem(operator.post(task, "consent", Map.of("offset", "-PT1S")), 400, "negative");
        assertProblem(operator.post(task, "consent", Map.of("offset", "PT2H")), 422, "beyond the end");
        assertProblem(operator.post(task, "consent", Map.of("address", "not an address")), 400, "address");
        assertProblem(operator.post(task, "consent", Map.of("address", "a@b")), 400, "e-mail");
        assertThat(operator.state(task)).isEqualTo("PHONE");
        // issue 12: the call outlives the early-hangup window (3 s) and is still live, not "ended 3 s after answer"
        Instant answered = gateway.answeredAt(attempt).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> Duration.between(answered, Instant.now())
                .compareTo(Duration.ofMillis(4500)) > 0);
        assertThat(attempts.find(attempt).orElseThrow().endedAt()).as("the call is up").isNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            CallAttempt live = attempts.find(attempt).orElseThrow();
            assertThat(live.state()).as("answered and live").isEqualTo(AttemptState.ANSWERED);
            assertThat(live.operatorAnsweredAt()).as("the recording's start, known while the call lasts")
                    .isNotNull();
        });

        ApiClient.Response consented = operator.post(task, "consent", Map.of("address", "zheng@example.com"));

        assertThat(consented.status()).as("%s", consented.body()).isEqualTo(200);
        assertThat(consented.body().get("state").asString()).isEqualTo("ELECTRONIC");
        assertThat(consented.body().get("electronicAddress").asString()).isEqualTo("zheng@example.com");
        JsonNode evidence = operator.timelineEntry(task, "TASK_CONSENT_CAPTURED");
        assertThat(evidence.get("actor").asString()).isEqualTo("operator");
        assertThat(evidence.get("details").get("attemptId").asString()).isEqualTo(attempt);
        assertThat(evidence.get("details").get("recording").asString()).isEqualTo(attempt);
        assertThat(evidence.get("details").get("offsetBasis").asString()).isEqualTo("answer");
        assertThat(evidence.get("details").get("consentOffsetMs").asLong())
                .as("measured from the operator's answer (the recording's start), not cut at answer + 3 s")
                .isGreaterThanOrEqualTo(4500);
        assertThat(operator.timelineActions(task)).containsSubsequence("OPERATOR_TOOK_TASK", "CALL_DIALING",
                "TASK_CONSENT_CAPTURED", "OPERATOR_SERVED_CONSENT");
        assertThat(operator.api.get("/api/v1/operators/me").body().hasNonNull("currentTaskId")).isFalse();

        assertThat(operator.post(task, "hangup", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(attempts.find(attempt).orElseThrow()
                .outcome()).isEqualTo(CallOutcome.CONSENTED));
        assertThat(operator.timelineActions(task)).contains("OPERATOR_HANGUP");
        assertProblem(operator.post(task, "hangup", Map.of()), 409, "no live call");
        assertThat(operator.state(task)).isEqualTo("ELECTRONIC");
        CallAttempt ended = attempts.find(attempt).orElseThrow();
        assertThat(ended.operatorAnsweredAt()).as("the operator's answer, kept apart").isNotNull();
        // the simulator answers both halves of its call at once; the real order (operator first, the party 1 s
        // later) is held by ServelineTraceReplayIntegrationTests
        assertThat(ended.answeredAt()).as("the party's answer").isNotNull();
        assertThat(Duration.between(ended.operatorAnsweredAt(), ended.endedAt())).as("ended at the hang-up")
                .isGreaterThan(Duration.ofMillis(4500));
        assertThat(ended.hangupCause()).isEqualTo(16);
    }

    @Test
    void aWrongNumberIsMarkedBadAndThePartysNextNumberStays() {
        long task = operator.approvedTask("冯错号", "+86 138 0000 3501", "+86 139 0000 3502");
        operator.signIn(REGISTERED);
        operator.next();
        assertProblem(operator.post(task, "disposition", Map.of("disposition", "WRONG_NUMBER")), 409,
                "no recorded call");
        String attempt = operator.call(task).body().get("attemptId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());
        assertProblem(operator.post(task, "disposition", Map.of()), 400, "disposition is required");
        assertProblem(operator.post(task, "disposition", Map.of("disposition", "MAYBE")), 400, "");

        assertThat(operator.post(task, "disposition", Map.of("disposition", "WRONG_NUMBER")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode phones = operator.task(task).get("phones");
            assertThat(phones.get(0).get("status").asString()).isEqualTo("BAD");
            assertThat(phones.get(1).get("status").asString()).isNotEqualTo("BAD");
        });
        assertThat(attempts.find(attempt).orElseThrow().outcome()).isEqualTo(CallOutcome.INVALID_NUMBER);
        assertThat(operator.state(task)).isEqualTo("PHONE");
        assertThat(channelOf(attempt)).as("the call was ended").isNull();
    }

    @Test
    void aCallBackTimeOutlastsTheRetryRuleWhenTheCallSettles() {
        long task = operator.approvedTask("陈回拨", "+86 138 0000 3601");
        operator.signIn(REGISTERED);
        operator.next();
        String attempt = operator.call(task).body().get("attemptId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());
        assertProblem(operator.post(task, "disposition", Map.of("disposition", "CALL_BACK")), 400, "callBackAt");
        assertProblem(operator.post(task, "disposition", Map.of("disposition", "CALL_BACK",
                "callBackAt", "2020-01-01T00:00:00Z")), 422, "next 90 days");
        Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

        assertThat(operator.post(task, "disposition", Map.of("disposition", "CALL_BACK", "callBackAt",
                at.toString())).status()).isEqualTo(200);
        assertThat(operator.post(task, "hangup", Map.of()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.find(attempt).orElseThrow().outcome() != null);
        assertThat(nextCallAt(task)).isEqualTo(at);
        assertThat(operator.timelineActions(task)).contains("OPERATOR_CALL_BACK");
    }

    @Test
    void handingThePartyToTheIvrConsentStepCapturesConsentByKeypad() {
        long task = operator.approvedTask("王键盘", "+86 138 0000 3701");
        operator.signIn(REGISTERED);
        operator.next();
        assertProblem(operator.post(task, "ivr-consent", Map.of()), 409, "no live call");
        String attempt = operator.call(task).body().get("attemptId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.answeredAt(attempt).isPresent());

        ApiClient.Response redirected = operator.post(task, "ivr-consent", Map.of());

        assertThat(redirected.status()).as("%s", redirected.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(operator.state(task))
                .isEqualTo("ELECTRONIC"));
        CallAttempt settled = attempts.find(attempt).orElseThrow();
        assertThat(settled.outcome()).isEqualTo(CallOutcome.CONSENTED);
        assertThat(settled.consentDigit()).isEqualTo("1");
        assertThat(operator.timelineActions(task)).containsSubsequence("OPERATOR_IVR_CONSENT", "NOTICE_CONSENTED",
                "CALL_CONSENTED", "TASK_CONSENT_CAPTURED");
    }

    @Test
    void aPartyWhoAskedTheIvrForAnOperatorIsServedFirst() {
        long preview = operator.approvedTask("李预览", "+86 138 0000 3801");
        long transferred = operator.approvedTask("赵转人工", "+86 138 0000 3802");
        jdbc.sql("UPDATE service_task SET state = 'PHONE' WHERE id = :id").param("id", transferred).update();
        String attempt = transferredCall(transferred, "+8613800003802");
        assertThat(operator.api.get("/api/v1/operators/queue").body().findValuesAsString("attemptId"))
                .contains(attempt);
        operator.signIn(REGISTERED);

        JsonNode taken = operator.next().body();

        assertThat(taken.get("task").get("id").asLong()).isEqualTo(transferred);
        assertThat(taken.get("source").asString()).isEqualTo("QUEUE");
        assertThat(taken.get("transferredAttemptId").asString()).isEqualTo(attempt);
        assertThat(operator.api.get("/api/v1/operators/queue").body().findValuesAsString("attemptId"))
                .doesNotContain(attempt);
        ApiClient.Response refused = operator.post(transferred, "disposition", Map.of("disposition", "REFUSED"));
        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(200);
        assertThat(refused.body().get("state").asString()).isEqualTo("POSTAL");
        assertThat(operator.timelineActions(transferred)).containsSubsequence("CALL_TRANSFERRED", "OPERATOR_QUEUED",
                "OPERATOR_TOOK_TASK", "TASK_CHANNEL_FAILED", "OPERATOR_REFUSED");
        assertThat(operator.next().body().get("task").get("id").asLong()).isEqualTo(preview);
    }

    @Test
    void acceptingOneWaitingPartyTakesThatPartyAndAnotherOperatorFindsThemTaken() {
        long older = operator.approvedTask("钱先等", "+86 138 0000 3901");
        long chosen = operator.approvedTask("孙被选", "+86 138 0000 3902");
        for (long task : List.of(older, chosen)) {
            jdbc.sql("UPDATE service_task SET state = 'PHONE' WHERE id = :id").param("id", task).update();
        }
        String olderCall = transferredCall(older, "+8613800003901");
        String chosenCall = transferredCall(chosen, "+8613800003902");
        JsonNode queue = operator.api.get("/api/v1/operators/queue").body();
        assertThat(queue.findValuesAsString("partyName")).containsSubsequence("钱先等", "孙被选");
        assertThat(queue.findValuesAsString("caseNumber")).contains(operator.task(chosen).get("caseNumber").asString());
        operator.signIn(REGISTERED);
        operator2.signIn("PJSIP/agent101");

        ApiClient.Response taken = operator.api.post("/api/v1/operators/me/queue/" + chosen + "/take", "{}");

        assertThat(taken.status()).as("%s", taken.body()).isEqualTo(200);
        assertThat(taken.body().get("task").get("id").asLong()).as("not the party waiting longer").isEqualTo(chosen);
        assertThat(taken.body().get("source").asString()).isEqualTo("QUEUE");
        assertThat(taken.body().get("transferredAttemptId").asString()).isEqualTo(chosenCall);
        assertProblem(operator2.api.post("/api/v1/operators/me/queue/" + chosen + "/take", "{}"), 409,
                "was taken by operator operator first");
        assertProblem(operator.api.post("/api/v1/operators/me/queue/" + older + "/take", "{}"), 409,
                "holds task " + chosen);
        assertProblem(operator2.api.post("/api/v1/operators/me/queue/999999999/take", "{}"), 409,
                "is not waiting for an operator");
        assertThat(operator.api.post("/api/v1/operators/me/queue/" + chosen + "/take", "{}").body().get("task")
                .get("id").asLong()).as("taking the party one holds again is harmless").isEqualTo(chosen);

        JsonNode other = operator2.api.post("/api/v1/operators/me/queue/" + older + "/take", "{}").body();
        assertThat(other.get("transferredAttemptId").asString()).isEqualTo(olderCall);
        assertThat(operator.api.get("/api/v1/operators/queue").body().findValuesAsString("attemptId"))
                .doesNotContain(olderCall, chosenCall);
        assertThat(operator.timelineActions(chosen)).contains("OPERATOR_TOOK_TASK");
        for (var desk : Map.of(operator, chosen, operator2, older).entrySet()) {
            assertThat(desk.getKey().post(desk.getValue(), "disposition", Map.of("disposition", "REFUSED")).status())
                    .isEqualTo(200);
        }
    }

    /** An automated call whose party pressed 0, settled as the notice application and the tracker report it. */
    private String transferredCall(long task, String number) {
        CallAttempt open = attempts.open(new CallAttempts.NewAttempt(task, null, null, "sim-ops", "sim-trunk", number,
                "test-node", "dialer"));
        Instant now = Instant.now();
        attempts.recordNoticeHeard(new NoticeHeard(open.id(), CallOutcome.TRANSFERRED, "0", Duration.ofSeconds(20),
                "notice-v1.zh@test", null, "party pressed 0"));
        attempts.recordCallEnded(new CallEnded(open.id(), null, now.minusSeconds(40), now, "transfer"));
        return open.id();
    }

    private Instant nextCallAt(long task) {
        return jdbc.sql("SELECT next_call_at FROM service_task WHERE id = :id").param("id", task)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private static SimChannel channelOf(String attempt) {
        return simulator.channels().stream().filter(ch -> attempt.equals(ch.variable("SERVELINE_ATTEMPT_ID")))
                .findFirst().orElse(null);
    }
}
