package org.serveline.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12 end to end through the PBX simulator (real AMI and FastAGI, the notice spoken by espeak-ng): a party who
 * keys 1 during the greeting is asked the question and only a key then counts; a task without any optional field is
 * noticed; 9 plays the notice again; each attempt names its offsets for what they are and keeps what was played;
 * every wording is kept and can be read back; a court's own wording and published number are used; the rendered
 * prompts carry the configured mode.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_notice",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800003001=KEY_IN_GREETING",
    "serveline.simulator.parties.13800003002=KEY_IN_GREETING_THEN_HANG_UP",
    "serveline.simulator.parties.13800003003=REPLAY",
    "serveline.simulator.parties.13800003004=CONSENT",
    "serveline.simulator.parties.13800003005=CONSENT",
    "serveline.dialer.tick=PT0.05S",
    "serveline.telephony.prompts.cache-dir=${java.io.tmpdir}/serveline-notice-it-${random.uuid}/prompts",
    "serveline.telephony.prompts.file-mode=rw-r-----",
    "serveline.courts[0].id=NMG0303",
    "serveline.courts[0].name=乌海市海南区人民法院",
    "serveline.courts[0].published-phone=0473-3981234",
    "serveline.courts[1].id=POSTONLY",
    "serveline.courts[1].name=Test court without telephone service",
    "serveline.courts[1].channel-chain=POSTAL,PUBLIC_NOTICE",
    "serveline.courts[2].id=NMG0304",
    "serveline.courts[2].name=乌海市乌达区人民法院",
    "serveline.courts[2].notice-template=src/test/resources/notice/nmg0304-v1.zh.txt",
})
class NoticeEvidenceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TelephonyProperties telephony;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void aKeyBeforeTheQuestionIsNoAnswerAndEveryOptionalFieldMayBeMissing() throws IOException {
        long early = approved(withHearing("郑早按", "13800003001"));
        long earlyThenGone = approved(withHearing("冯挂断", "13800003002"));
        long replay = approved(withHearing("何重听", "13800003003"));
        // a judgment: no hearing date or time, no cause, address, e-mail or id number, one phone
        long judgment = approved(Map.of("court", "NMG0303", "caseNumber", TaskFixtures.newCaseNumber(),
                "documents", List.of(fixtures.uploadDocument()),
                "party", Map.of("role", "DEFENDANT", "name", "韩判决", "phones", List.of("13800003004"))));
        long ownWording = approved(Map.of("court", "NMG0304", "caseNumber", "(2026)内0304民初7号",
                "documents", List.of(fixtures.uploadDocument()),
                "party", Map.of("role", "PLAINTIFF", "name", "秦乌达", "phones", List.of("13800003005"))));

        startCampaign();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(state(early)).isEqualTo("ELECTRONIC");
            assertThat(state(earlyThenGone)).isEqualTo("POSTAL");
            assertThat(state(replay)).isEqualTo("ELECTRONIC");
            assertThat(state(judgment)).isEqualTo("ELECTRONIC");
            assertThat(state(ownWording)).isEqualTo("ELECTRONIC");
        });

        // keyed 1 during the greeting: skipped to the question, the consent is the 1 keyed after it started
        JsonNode consent = task(early).get("attempts").get(0);
        assertThat(consent.get("outcome").asString()).isEqualTo("CONSENTED");
        List<String> played = strings(consent.get("notice").get("played"));
        assertThat(played.getFirst()).matches("greeting@\\d+\\.\\d{3}s\\+\\d+\\.\\d{3}s!1");
        assertThat(played).hasSize(2);
        assertThat(played.get(1)).startsWith("question@").doesNotContain("!");
        assertThat(offset(consent.get("decisionOffset")))
                .isGreaterThanOrEqualTo(offset(consent.get("notice").get("questionOffset")));
        assertThat(consent.get("notice").get("hangupOffset").isNull()).isTrue();

        // keyed 1 during the greeting, hung up when asked: no consent, the offset is the hang-up's
        for (JsonNode gone : task(earlyThenGone).get("attempts")) {
            assertThat(gone.get("outcome").asString()).isEqualTo("HUNG_UP_EARLY");
            assertThat(gone.get("consentDigit").isNull()).isTrue();
            assertThat(gone.get("decisionOffset").isNull()).isTrue();
            assertThat(offset(gone.get("notice").get("hangupOffset"))).isPositive();
            assertThat(strings(gone.get("notice").get("played")).getFirst()).endsWith("!1");
        }
        assertThat(timelineActions(earlyThenGone)).doesNotContain("TASK_CONSENT_CAPTURED", "NOTICE_CONSENTED");

        // 9 at the question: the notice again from its greeting, then the consent
        List<String> replayed = strings(task(replay).get("attempts").get(0).get("notice").get("played"));
        assertThat(replayed.stream().filter(p -> p.startsWith("greeting@"))).hasSize(2);
        assertThat(replayed.stream().filter(p -> p.startsWith("question@") && p.endsWith("!9"))).isEmpty();

        // the wording of each call, read back by its version: hearing time and published number where they exist
        Map<String, String> withHearing = wording(consent.get("scriptVersion").asString());
        assertThat(withHearing).containsEntry("hearing", "开庭时间2027年1月15日上午9点30分。")
                .containsEntry("verify", "核实来电请拨本院公布电话零四七三，三九八幺二三四。");
        assertThat(withHearing.keySet()).containsExactly("greeting", "case", "documents", "hearing", "verify",
                "question");
        Map<String, String> noHearing = wording(task(judgment).get("attempts").get(0).get("scriptVersion").asString());
        assertThat(noHearing.keySet()).containsExactly("greeting", "case", "documents", "verify", "question");
        assertThat(String.join("", noHearing.values())).contains("韩判决").doesNotContain("开庭");
        String courtVersion = task(ownWording).get("attempts").get(0).get("scriptVersion").asString();
        assertThat(courtVersion).startsWith("nmg0304-v1.zh@");
        assertThat(wording(courtVersion)).containsExactly(Map.entry("greeting", "乌海市乌达区人民法院送达中心来电，通话录音。"),
                Map.entry("documents", "秦乌达，您有文书：summons。"), Map.entry("question", "同意电子送达按1，不同意按2。"));

        // the PBX's user may read every rendered prompt
        try (Stream<Path> files = Files.list(telephony.prompts().cacheDir())) {
            List<Path> prompts = files.filter(f -> f.toString().endsWith(".wav")).toList();
            assertThat(prompts).isNotEmpty().allSatisfy(prompt -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(prompt))).isEqualTo("rw-r-----"));
        }
    }

    @Test
    void keptWordingCannotBeChangedAndAnUnknownVersionIsNotFound() {
        jdbc.sql("""
                INSERT INTO notice_script (script_version, template_version, content_hash, voice, wording, created_at)
                VALUES ('t-v1@x', 't-v1', 'x', 'test', '{"question":"请按1"}', NOW(6))""").update();

        assertThatThrownBy(() -> jdbc.sql("UPDATE notice_script SET wording = '{}' WHERE script_version = 't-v1@x'")
                .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM notice_script WHERE script_version = 't-v1@x'").update())
                .hasMessageContaining("append-only");
        assertThat(wording("t-v1@x")).containsExactly(Map.entry("question", "请按1"));
        assertProblem(fixtures.clerk.get("/api/v1/notice-scripts/nothing@here"), 404, "no notice wording");
    }

    @Test
    void aHearingTimeWithoutADateIsRefusedAndOneWithADateIsKept() {
        Map<String, Object> timeOnly = new HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party("许时间", "13800003009")));
        timeOnly.remove("hearingDate");
        timeOnly.put("hearingTime", "09:30");
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(timeOnly)), 400, "hearingTime");
        assertProblem(fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", "NMG0303",
                "caseNumber", TaskFixtures.newCaseNumber(), "party", TaskFixtures.party("许时间", "13800003009"),
                "documents", List.of(fixtures.uploadDocument()), "hearingDate", "2027-01-15",
                "hearingTime", "half past nine"))), 400, "");

        JsonNode kept = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(withHearing("许时间", "13800003009")))
                .body();
        assertThat(kept.get("hearingTime").asString()).isEqualTo("09:30:00");
        assertThat(task(kept.get("id").asLong()).get("hearingTime").asString()).isEqualTo("09:30:00");
    }

    private Map<String, Object> withHearing(String name, String phone) {
        Map<String, Object> request = new HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(),
                TaskFixtures.party(name, phone)));
        request.put("hearingTime", "09:30");
        return request;
    }

    private long approved(Map<String, Object> request) {
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    private void startCampaign() {
        ApiClient supervisor = fixtures.supervisor;
        ApiClient.Response created = supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "notice-" + System.nanoTime()), Map.entry("ringTimeout", "PT5S"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("busyRetry", "PT1S"), Map.entry("noAnswerRetry", "PT1S"),
                Map.entry("failureRetry", "PT1S"), Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(supervisor.post("/api/v1/campaigns/" + id + "/start", "{}").status()).isEqualTo(200);
    }

    private Map<String, String> wording(String scriptVersion) {
        ApiClient.Response response = fixtures.supervisor.get("/api/v1/notice-scripts/"
                + URLEncoder.encode(scriptVersion, StandardCharsets.UTF_8));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body().get("scriptVersion").asString()).isEqualTo(scriptVersion);
        Map<String, String> wording = new java.util.LinkedHashMap<>();
        response.body().get("wording").properties().forEach(e -> wording.put(e.getKey(), e.getValue().asString()));
        return wording;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static Duration offset(JsonNode node) {
        return Duration.parse(node.asString());
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
