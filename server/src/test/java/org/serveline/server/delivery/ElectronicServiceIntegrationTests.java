package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ElectronicServiceTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;

/**
 * Electronic service end to end against real gateways: a party consents in the PBX simulator, the SMS leaves through
 * the outbox over SMPP to the in-process SMSC, its DELIVRD receipt serves the task; and what goes wrong: an
 * undeliverable number, an SMTP server that refuses, a task without e-mail.
 */
class ElectronicServiceIntegrationTests extends ElectronicServiceTest {

    @Autowired
    MailGateway mailGateway;

    @Test
    void aConsentingPartyIsServedBySmsWithTheServiceDateAsEvidence() {
        TaskFixtures fixtures = fixtures();
        JsonNode created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                TaskFixtures.newCaseNumber(), TaskFixtures.party("张电子", "+86 138 0000 3001")))).body();
        long id = created.get("id").asLong();
        String caseNumber = created.get("caseNumber").asString();
        fixtures.review(id, "APPROVE", null);
        startCampaign(fixtures, "electronic-" + System.nanoTime());

        awaitState(id, "SERVED");

        assertThat(task(id).get("electronicAddress").asString()).isEqualTo("+8613800003001");
        List<String> actions = actions(id);
        assertThat(actions).containsSubsequence("TASK_CONSENT_CAPTURED", "PORTAL_LINK_ISSUED", "DELIVERY_QUEUED",
                "DELIVERY_SENT", "DELIVERY_CONFIRMED", "TASK_DELIVERED");
        JsonNode served = event(id, "TASK_DELIVERED");
        assertThat(served.get("channel").asString()).isEqualTo("ELECTRONIC");
        assertThat(served.get("serviceDateRule").asString()).isEqualTo("SMSC_DELIVERED");
        assertThat(served.get("address").asString()).isEqualTo("+8613800003001");
        assertThat(served.get("deliveryReceipt").asString()).contains("stat:DELIVRD").contains("done date:");
        Instant serviceDate = Instant.parse(served.get("serviceDate").asString());
        assertThat(serviceDate).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(5));

        // one message, in UCS-2 segments of at most 67 characters behind a UDH, naming court, case, link and code
        List<org.serveline.server.delivery.BuiltInSmsc.Received> parts = smsTo("+8613800003001");
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.dataCoding()).isEqualTo((byte) 0x08);
            assertThat(p.esmClass() & 0x40).isEqualTo(0x40);
            assertThat(p.text().length()).isLessThanOrEqualTo(67);
        });
        String text = String.join("", parts.stream().map(org.serveline.server.delivery.BuiltInSmsc.Received::text).toList());
        assertThat(text).contains("乌海市海南区人民法院", caseNumber, "张电子", "0473-3961234", "不会要求转账");
        linkAndCode(text);
        assertThat(jdbc.sql("SELECT body FROM delivery_outbox WHERE task_id = :t").param("t", id).query(String.class)
                .list()).as("the code leaves the database once sent").containsOnlyNulls();
        assertThat(MAIL.getReceivedMessages()).noneMatch(m -> subject(m).contains(caseNumber));
    }

    @Test
    void anUndeliverableNumberFallsBackToTheEmailAddressAcceptedByTheMailServer() {
        SMSC.receiptState(destination -> destination.equals("8613900004001") ? "UNDELIV" : "DELIVRD");
        long id = electronicTask("NMG0303", "李邮件", "+86 139 0000 4001", "lisi@example.test", "+8613900004001");

        awaitState(id, "SERVED");

        JsonNode served = event(id, "TASK_DELIVERED");
        assertThat(served.get("serviceDateRule").asString()).isEqualTo("MAIL_ACCEPTED");
        assertThat(served.get("address").asString()).isEqualTo("lisi@example.test");
        assertThat(served.get("deliveryReceipt").asString()).startsWith("250");
        assertThat(event(id, "DELIVERY_FAILED").get("deliveryReceipt").asString()).contains("stat:UNDELIV");
        MimeMessage mail = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> subject(m).contains(task(id).get("caseNumber").asString())).findFirst().orElseThrow();
        String body = body(mail);
        assertThat(body).contains("李邮件", "验证码", "0473-3961234");
        String[] fresh = linkAndCode(body);
        assertThat(linkAndCode(String.join("", smsTo("+8613900004001").stream()
                .map(org.serveline.server.delivery.BuiltInSmsc.Received::text).toList()))[0])
                .as("the fallback carries a new link").isNotEqualTo(fresh[0]);
    }

    @Test
    void anUndeliverableNumberWithoutEmailFailsTheChannelToPost() {
        SMSC.receiptState(destination -> destination.equals("8613900004002") ? "UNDELIV" : "DELIVRD");
        long id = electronicTask("NMG0303", "王无邮", "+86 139 0000 4002", null, "+8613900004002");

        awaitState(id, "POSTAL");

        assertThat(actions(id)).containsSubsequence("DELIVERY_SENT", "DELIVERY_FAILED", "TASK_CHANNEL_FAILED");
        assertThat(event(id, "TASK_CHANNEL_FAILED").get("channel").asString()).isEqualTo("ELECTRONIC");
        assertThat(smsTo("+8613900004002")).isNotEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE task_id = :t AND channel = 'EMAIL'")
                .param("t", id).query(Long.class).single()).as("SMS only: the party gave no e-mail").isZero();
    }

    @Test
    void anSmtpServerRefusingOurLoginWith5xxKeepsTheEmailWaitingAndShowsInHealthUntilItAcceptsIt() {
        UserManager users = MAIL.getUserManager();
        users.deleteUser(users.getUser("serveline"));
        long id;
        try {
            id = electronicTask("NMG0303", "赵登录", "+86 473 123 4003", null, "zhao@example.test");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.sql("SELECT state, attempts FROM delivery_outbox WHERE task_id = :t").param("t", id)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).single())
                        .matches("PENDING/[2-9]\\d*");
                Health health = mailGateway.health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("lastError").toString()).contains("535");
                assertThat((Long) health.getDetails().get("waiting")).isPositive();
            });
            assertThat(state(id)).isEqualTo("ELECTRONIC");
        } finally {
            MAIL.setUser("serveline@court.test", "serveline", "secret");
        }

        awaitState(id, "SERVED");

        assertThat(event(id, "TASK_DELIVERED").get("serviceDateRule").asString()).isEqualTo("MAIL_ACCEPTED");
        assertThat(actions(id)).contains("DELIVERY_RETRY_SCHEDULED").doesNotContain("DELIVERY_FAILED");
        assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipients(m).contains("zhao@example.test")))
                .as("sent once, when the server took it").hasSize(1);
        assertThat(mailGateway.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFlashCourtSendsAClassZeroSmsFirstThenTheOneThePartyKeeps() {
        long id = electronicTask("FLASH01", "钱闪信", "+86 137 0000 5001", null, "+8613700005001");

        awaitState(id, "SERVED");

        List<org.serveline.server.delivery.BuiltInSmsc.Received> received = smsTo("+8613700005001");
        assertThat(received.getFirst().flash()).isTrue();
        assertThat(received.getFirst().dataCoding()).isEqualTo((byte) 0x18);
        assertThat(received.getFirst().text()).contains("闪信测试法院");
        assertThat(received.subList(1, received.size())).allMatch(r -> !r.flash()).isNotEmpty();
        assertThat(event(id, "TASK_DELIVERED").get("deliveryReceipt").asString()).contains("DELIVRD");
    }

    private void startCampaign(TaskFixtures fixtures, String name) {
        ApiClient.Response created = fixtures.supervisor.post("/api/v1/campaigns", ApiClient.json(Map.ofEntries(
                Map.entry("name", name), Map.entry("court", "NMG0303"), Map.entry("ringTimeout", "PT5S"),
                Map.entry("callingFrom", "00:00"), Map.entry("callingUntil", "23:59:59"),
                Map.entry("callOnWeekends", true), Map.entry("maxAttemptsPerTask", 2))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        long campaign = created.body().get("id").asLong();
        assertThat(fixtures.supervisor.post("/api/v1/campaigns/" + campaign + "/start", "{}").status()).isEqualTo(200);
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
