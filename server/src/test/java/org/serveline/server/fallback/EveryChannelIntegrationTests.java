package org.serveline.server.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.MailingTracker;
import org.serveline.server.postal.TrackingNumber;
import org.serveline.server.postal.carrier.RecordedCarrierServer;
import org.serveline.server.publicnotice.PublicNotices;
import org.serveline.server.receipt.ReceiptDownloads;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.serveline.server.testsupport.MutableClock;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One party through every channel after the phone, on the real server: refused on the phone (PBX simulator over real
 * AMI and FastAGI), post returned refused (HTTP carrier adapter against recorded answers on a real HTTP server), not
 * found in person (the field agent's API), public notice until its period elapses (test clock moved, never waited)
 * → SERVED, with its whole timeline, a valid audit chain and one receipt that cites every channel's evidence.
 * Private schema; the task has no hearing date, no e-mail and one phone.
 */
@FallbackChannelsIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_every_channel",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800005001=REFUSE",
    "serveline.simulator.parties.13800005002=BUSY",
    "serveline.dialer.tick=PT0.05S",
    "serveline.lookup.court-table.enabled=true",
})
class EveryChannelIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    MailingTracker tracker;
    @Autowired
    RecordedCarrierServer carrier;
    @Autowired
    PublicNotices notices;
    @Autowired
    MutableClock clock;

    TaskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new TaskFixtures(port);
    }

    @Test
    void aPartyRefusedOnThePhoneReturnedByPostAndNotFoundInPersonIsServedByPublicNotice() {
        String caseNumber = TaskFixtures.newCaseNumber();
        long task = approvedTask(caseNumber, "郑全程", "+86 138 0000 5001", "内蒙古乌海市海南区人民路8号");
        startCampaign();

        await().atMost(Duration.ofSeconds(60)).until(() -> state(task).equals("POSTAL"));

        tracker.checkDue();
        TrackingNumber number = carrier.booked("mailing-" + mailing(task).get("id").asLong());
        assertThat(number).as("booked with the carrier").isNotNull();
        carrier.serve(number, "returned-refused.json");
        clock.advance(Duration.ofSeconds(1));
        tracker.checkDue();
        assertThat(state(task)).isEqualTo("IN_PERSON");

        JsonNode assignment = fixtures.supervisor.get("/api/v1/field/assignments").body().get(0);
        long assignmentId = assignment.get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/field/assignments/" + assignmentId + "/assignee",
                "{\"agent\":\"field\"}").status()).isEqualTo(200);
        ApiClient field = ApiClient.on(port).as("field", "field-pw");
        ApiClient.Response notFound = field.post("/api/v1/field/assignments/" + assignmentId + "/outcome",
                "{\"outcome\":\"NOT_FOUND\",\"note\":\"查无此人，邻居称已搬走\"}", "field-app-1");
        assertThat(notFound.status()).as("%s", notFound.body()).isEqualTo(200);
        assertThat(state(task)).isEqualTo("PUBLIC_NOTICE");

        JsonNode notice = fixtures.clerk.get("/api/v1/tasks/" + task + "/public-notice").body();
        assertThat(notices.elapseDue()).as("nothing elapses before the period").isZero();
        clock.advance(Duration.ofDays(31));
        assertThat(notices.elapseDue()).isEqualTo(1);
        assertThat(state(task)).isEqualTo("SERVED");

        List<String> actions = timeline(task).findValuesAsString("action");
        assertThat(actions).containsSubsequence("TASK_APPROVE", "TASK_DISPATCH", "CALL_DIALING", "CALL_REFUSED",
                "TASK_CHANNEL_FAILED", "POSTAL_MAILING_CREATED", "POSTAL_BOOKED", "POSTAL_RETURNED",
                "TASK_CHANNEL_FAILED", "FIELD_ASSIGNMENT_OPENED", "FIELD_ASSIGNED", "FIELD_OUTCOME",
                "TASK_CHANNEL_FAILED", "PUBLIC_NOTICE_PUBLISHED", "TASK_NOTICE_ELAPSED");
        JsonNode verified = fixtures.supervisor.get("/api/v1/audit/verify").body();
        assertThat(verified.get("valid").asBoolean()).as("audit: %s", verified).isTrue();

        ReceiptDownloads downloads = new ReceiptDownloads(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> downloads.receipt(task).statusCode() == 200);
        HttpResponse<byte[]> receipt = downloads.receipt(task);
        String text = ReceiptDownloads.text(receipt.body());
        assertThat(text).contains(caseNumber, "郑全程", "送达方式：公告送达", "公告期满之日，视为送达",
                number.value(), "邮件退回", "POSTAL_RETURNED", "现场送达结果", "FIELD_OUTCOME", "查无此人",
                "公告发布", "PUBLIC_NOTICE_PUBLISHED", String.valueOf(notice.get("id").asLong()));
        assertThat(timeline(task).findValuesAsString("action")).contains("RECEIPT_ISSUED");
    }

    @Test
    void anAddressFoundByLookupWhenThePhoneIsExhaustedIsWhereThePostGoes() {
        ApiClient.Response imported = fixtures.supervisor.postText("/api/v1/lookup/contacts", "text/csv; charset=UTF-8",
                "court,party_name,id_number,phone,address,source_case\n"
                        + "NMG0303,钱无址,,,内蒙古乌海市乌达区团结路9号,(2025)内0303民初602号\n");
        assertThat(imported.status()).as("%s", imported.body()).isEqualTo(200);
        long task = approvedTask(TaskFixtures.newCaseNumber(), "钱无址", "+86 138 0000 5002", null);
        startCampaign();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(2)); // the busy party's retry comes due on the test clock
            assertThat(state(task)).as("%s", timeline(task).findValuesAsString("action")).isEqualTo("POSTAL");
        });

        JsonNode mailing = mailing(task);
        assertThat(mailing.get("address").asString()).isEqualTo("内蒙古乌海市乌达区团结路9号");
        assertThat(mailing.get("status").asString()).isNotEqualTo("NOT_MAILABLE");
        assertThat(timeline(task).findValuesAsString("action")).containsSubsequence("CALL_BUSY", "LOOKUP_QUERIED",
                "LOOKUP_ADDRESS_FOUND", "TASK_CHANNEL_FAILED", "POSTAL_MAILING_CREATED");
    }

    private long approvedTask(String caseNumber, String name, String phone, String address) {
        Map<String, Object> party = address == null
                ? Map.of("role", "DEFENDANT", "name", name, "phones", List.of(phone))
                : Map.of("role", "DEFENDANT", "name", name, "phones", List.of(phone), "address", address);
        ApiClient.Response submitted = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(Map.of("court", "NMG0303",
                "caseNumber", caseNumber, "party", party, "documents", List.of(fixtures.uploadDocument()))));
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(201);
        long id = submitted.body().get("id").asLong();
        fixtures.review(id, "APPROVE", null);
        return id;
    }

    private void startCampaign() {
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", "every-channel-" + System.nanoTime()), Map.entry("court", "NMG0303"),
                Map.entry("ringTimeout", "PT5S"), Map.entry("callingFrom", "00:00"),
                Map.entry("callingUntil", "23:59:59"), Map.entry("callOnWeekends", true),
                Map.entry("busyRetry", "PT1S"), Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        fixtures.supervisor.post("/api/v1/campaigns/" + created.body().get("id").asLong() + "/start", "{}");
    }

    private String state(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task).body().get("state").asString();
    }

    private JsonNode mailing(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task + "/mailing").body();
    }

    private JsonNode timeline(long task) {
        return fixtures.clerk.get("/api/v1/tasks/" + task + "/timeline").body();
    }
}
