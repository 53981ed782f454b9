package org.serveline.server.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The live board and the operators' feeds over real HTTP (Server-Sent Events), while campaigns dial the built-in PBX
 * simulator over real AMI and FastAGI: a call shows live on the board and goes at its hang-up; a party who presses 0
 * waits in the operators' queue and rings the signed-in operator's screen until the operator takes the task. Private schema; few streams allowed, heartbeats
 * every second (a closed stream is noticed on its next write).
 */
@ServelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_board",
    "spring.datasource.hikari.maximum-pool-size=8",
    "spring.datasource.hikari.minimum-idle=2",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.registered-endpoints[0]=agent100",
    "serveline.simulator.parties.agent100=CONSENT",
    "serveline.simulator.parties.13800005001=CONSENT",
    "serveline.simulator.parties.13800005002=ASK_OPERATOR",
    "serveline.dialer.tick=PT0.05S",
    "serveline.board.heartbeat=PT1S",
    "serveline.board.max-subscribers=3",
})
@Timeout(150)
class BoardStreamIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    PbxGateway gateway;

    TaskFixtures fixtures;
    ApiClient supervisor;
    ApiClient operator;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
        supervisor = fixtures.supervisor;
        operator = ApiClient.on(port).as("operator", "operator-pw");
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.isUp("simulator"));
    }

    @Test
    void aCallShowsLiveOnTheBoardThenGoesAtItsHangUp() {
        try (EventStream board = EventStream.open(port, "/api/v1/board/stream", "supervisor", "supervisor-pw")) {
            assertThat(board.status).isEqualTo(200);
            assertThat(board.contentType).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> board.last("board") != null);
            JsonNode first = board.last("board");
            assertThat(first.get("node").asString()).isNotBlank();
            assertThat(first.get("board").get("callsLive").asInt()).isZero();
            JsonNode pbx = first.get("board").get("pbxs").get(0);
            assertThat(pbx.get("pbx").asString()).isEqualTo("simulator");
            assertThat(pbx.get("link").asString()).isEqualTo("UP");
            assertThat(pbx.get("trunks").findValuesAsString("trunk")).containsExactly("sim-trunk");

            String caseNumber = TaskFixtures.newCaseNumber();
            long task = approvedTask(caseNumber, "张看板", "+86 138 0000 5001");
            long campaign = startCampaign(caseNumber);

            await().atMost(Duration.ofSeconds(30)).until(() -> board.saw("board", b ->
                    b.get("board").get("callsLive").asInt() == 1
                    && b.get("board").get("pbxs").get(0).get("trunks").get(0).get("callsLive").asInt() == 1
                    && b.get("board").get("calls").findValuesAsString("caseNumber").contains(caseNumber)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode last = board.last("board").get("board");
                return last.get("callsLive").asInt() == 0 && campaignOf(last, campaign) != null
                        && campaignOf(last, campaign).get("consented").asInt() == 1;
            });
            JsonNode progress = campaignOf(board.last("board").get("board"), campaign);
            assertThat(progress.get("state").asString()).isEqualTo("RUNNING");
            assertThat(progress.get("tasksDone").asInt()).isEqualTo(1);
            assertThat(progress.get("answered").asInt()).isEqualTo(1);
            assertThat(progress.get("inFlight").asInt()).isZero();
            assertThat(state(task)).isEqualTo("ELECTRONIC");
            stop(campaign);

            List<String> pushedAt = board.named("board").stream().map(b -> b.get("at").asString()).toList();
            assertThat(pushedAt).as("a push only on change: never the same board twice in a row")
                    .hasSizeLessThan(40);
            assertThat(board.named("heartbeat")).as("heartbeats while nothing changes").isNotEmpty();
        }
    }

    @Test
    void aPartyWhoPressesZeroRingsTheOperatorsScreenUntilTheOperatorTakesTheTask() {
        assertThat(operator.post("/api/v1/operators/me/session", ApiClient.json(Map.of("endpoint", "PJSIP/agent100")))
                .status()).isEqualTo(201);
        try (EventStream feed = EventStream.open(port, "/api/v1/operators/me/stream", "operator", "operator-pw")) {
            assertThat(feed.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.last("operator") != null
                    && feed.last("operator").get("registered").asBoolean());
            assertThat(feed.last("operator").get("username").asString()).isEqualTo("operator");
            assertThat(feed.last("operator").get("transfers")).isEmpty();

            String caseNumber = TaskFixtures.newCaseNumber();
            long task = approvedTask(caseNumber, "赵转人工", "+86 138 0000 5002");
            long campaign = startCampaign(caseNumber);

            // the simulator ends the automated call when the party presses 0 (a real Asterisk rings the free operators'
            // softphones first, a LIVE transfer: BoardReadingsTests): the task waits in the operators' queue
            await().atMost(Duration.ofSeconds(60)).until(() -> transfer(feed.last("operator"), "QUEUE") != null);
            JsonNode queued = transfer(feed.last("operator"), "QUEUE");
            assertThat(queued.get("taskId").asLong()).isEqualTo(task);
            assertThat(queued.get("caseNumber").asString()).isEqualTo(caseNumber);
            assertThat(queued.get("partyName").asString()).isEqualTo("赵转人工");
            assertThat(queued.get("noticePlayed").size()).as("the notice heard before the party pressed 0").isPositive();
            assertThat(queued.get("noticePlayed").get(0).asString()).startsWith("greeting@");
            stop(campaign);
            JsonNode taken = operator.post("/api/v1/operators/me/next", "{}").body();
            assertThat(taken.get("task").get("id").asLong()).isEqualTo(task);
            assertThat(taken.get("source").asString()).isEqualTo("QUEUE");
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.last("operator").get("transfers").isEmpty()
                    && feed.last("operator").get("currentTaskId").asLong() == task);
        } finally {
            JsonNode me = operator.get("/api/v1/operators/me").body();
            if (me != null && me.hasNonNull("currentTaskId")) {
                operator.post("/api/v1/operators/me/tasks/" + me.get("currentTaskId").asLong() + "/disposition",
                        ApiClient.json(Map.of("disposition", "REFUSED")));
            }
        }
    }

    @Test
    void theStreamsAreForTheirRolesAndBoundedAndAClosedStreamFreesItsPlace() {
        try (EventStream anonymous = EventStream.open(port, "/api/v1/board/stream", null, null);
                EventStream asOperator = EventStream.open(port, "/api/v1/board/stream", "operator", "operator-pw");
                EventStream asClerk = EventStream.open(port, "/api/v1/operators/me/stream", "clerk", "clerk-pw")) {
            assertThat(anonymous.status).isEqualTo(401);
            assertThat(asOperator.status).isEqualTo(403);
            assertThat(asOperator.body).contains("your role may not do this");
            assertThat(asClerk.status).isEqualTo(403);
        }
        List<EventStream> open = new ArrayList<>();
        try {
            // streams of the earlier tests may still hold places until their next heartbeat finds them closed
            EventStream refused = await().atMost(Duration.ofSeconds(20)).until(() -> {
                EventStream next = EventStream.open(port, "/api/v1/board/stream", "supervisor", "supervisor-pw");
                if (next.status == 200) {
                    open.add(next);
                }
                return next;
            }, next -> next.status != 200);
            assertThat(open).hasSizeLessThanOrEqualTo(3);
            assertThat(refused.status).isEqualTo(503);
            assertThat(refused.contentType).startsWith("application/problem+json");
            assertThat(refused.body).contains("max-subscribers");
            for (EventStream stream : open) {
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.last("board") != null);
            }
        } finally {
            open.forEach(EventStream::close);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (EventStream again = EventStream.open(port, "/api/v1/board/stream", "supervisor", "supervisor-pw")) {
                return again.status == 200;
            }
        });
    }

    @Test
    void theBoardCanBeReadOnceAsJson() {
        ApiClient.Response board = supervisor.get("/api/v1/board");
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body().get("board").get("pbxs").findValuesAsString("pbx")).contains("simulator");
        assertThat(board.body().get("board").get("backlog").has("recordingsWaiting")).isTrue();
        assertThat(operator.get("/api/v1/board").status()).isEqualTo(403);
    }

    private static JsonNode campaignOf(JsonNode board, long id) {
        for (JsonNode c : board.get("campaigns")) {
            if (c.get("id").asLong() == id) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode transfer(JsonNode feed, String source) {
        for (JsonNode t : feed.get("transfers")) {
            if (t.get("source").asString().equals(source)) {
                return t;
            }
        }
        return null;
    }

    /** A campaign for this one case only (its case type filter is the case's own number), started. */
    private long startCampaign(String caseNumber) {
        String only = caseNumber.substring(caseNumber.indexOf('民'));
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "board-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("caseType", only), Map.entry("ringTimeout", "PT10S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("maxAttemptsPerTask", 1))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
        return id;
    }

    private void stop(long campaign) {
        assertThat(supervisor.post("/api/v1/campaigns/" + campaign + "/stop", "{}").status()).isEqualTo(200);
    }

    private long approvedTask(String caseNumber, String name, String phone) {
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                caseNumber, TaskFixtures.party(name, phone))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    private String state(long id) {
        return fixtures.clerk.get("/api/v1/tasks/" + id).body().get("state").asString();
    }
}
