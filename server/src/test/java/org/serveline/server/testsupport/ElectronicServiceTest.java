package org.serveline.server.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.serveline.server.delivery.BuiltInSmsc;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The server with real gateways for electronic service: an in-process SMSC (jSMPP's server session) and a GreenMail
 * SMTP server on loopback, shared by every class that extends this one (one Spring context for them all), plus the
 * PBX simulator for the whole path from a consenting party. Private schema.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = {
    "serveline.embedded-db.schema=serveline_electronic",
    "serveline.simulator.enabled=true",
    "serveline.simulator.time-scale=0.2",
    "serveline.simulator.parties.13800003001=CONSENT",
    "serveline.dialer.tick=PT0.05S",
    "serveline.delivery.tick=PT0.05S",
    "serveline.delivery.retry-min=PT0.3S",
    "serveline.delivery.retry-max=PT1S",
    "serveline.delivery.sms.reconnect-min=PT0.2S",
    "serveline.delivery.sms.reconnect-max=PT0.5S",
    "serveline.delivery.sms.response-timeout=PT3S",
    "serveline.delivery.sms.flash-courts=FLASH01",
    "serveline.delivery.mail.from=songda@court.test",
    "spring.mail.username=serveline",
    "spring.mail.password=secret",
    "spring.mail.properties.mail.smtp.auth=true",
    "serveline.portal.base-url=https://ss.court.test",
    "serveline.courts[0].id=NMG0303",
    "serveline.courts[0].name=乌海市海南区人民法院",
    "serveline.courts[0].channel-chain=PHONE,POSTAL,IN_PERSON,PUBLIC_NOTICE",
    "serveline.courts[0].published-phone=0473-3961234",
    "serveline.courts[1].id=FLASH01",
    "serveline.courts[1].name=闪信测试法院",
    "serveline.courts[1].channel-chain=PHONE,POSTAL",
})
public abstract class ElectronicServiceTest {

    protected static final BuiltInSmsc SMSC = new BuiltInSmsc(Clock.systemUTC(), ZoneId.of("UTC"));
    protected static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    private static final Pattern LINK = Pattern.compile("https://ss\\.court\\.test/s/(\\w{16})");
    private static final Pattern CODE = Pattern.compile("验证码\\D{0,3}(\\d{6})");

    static {
        try {
            SMSC.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MAIL.start();
        MAIL.setUser("serveline@court.test", "serveline", "secret");
    }

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        registry.add("serveline.delivery.sms.host", () -> "127.0.0.1");
        registry.add("serveline.delivery.sms.port", SMSC::port);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected ServiceTasks tasks;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected TransactionTemplate transactions;

    protected TaskFixtures fixtures() {
        return new TaskFixtures(port);
    }

    /**
     * A task that reached ELECTRONIC as after a consenting call (approve, dispatch and consent in one transaction,
     * so no dialer ever sees it), consented with {@code address}.
     */
    protected long electronicTask(String court, String name, String phone, String email, String address) {
        TaskFixtures fixtures = fixtures();
        Map<String, Object> party = email == null ? TaskFixtures.party(name, phone)
                : Map.of("role", "DEFENDANT", "name", name, "phones", List.of(phone), "email", email);
        Map<String, Object> request = new java.util.HashMap<>(fixtures.taskRequest(TaskFixtures.newCaseNumber(), party));
        request.put("court", court);
        ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(request));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        TaskId id = new TaskId(created.body().get("id").asLong());
        transactions.executeWithoutResult(tx -> {
            tasks.move(id, TaskTrigger.APPROVE, "reviewer", null);
            tasks.move(id, TaskTrigger.DISPATCH, "dialer", null);
            tasks.consent(id, address, "operator", Map.of("test", "consent on a recorded call"));
        });
        return id.value();
    }

    protected JsonNode task(long id) {
        return fixtures().clerk.get("/api/v1/tasks/" + id).body();
    }

    protected String state(long id) {
        return task(id).get("state").asString();
    }

    protected JsonNode timeline(long id) {
        return fixtures().clerk.get("/api/v1/tasks/" + id + "/timeline").body();
    }

    protected List<String> actions(long id) {
        return timeline(id).findValuesAsString("action");
    }

    /** The details of the task's first timeline event with this action. */
    protected JsonNode event(long id, String action) {
        for (JsonNode event : timeline(id)) {
            if (action.equals(event.get("action").asString())) {
                return event.get("details");
            }
        }
        throw new AssertionError("no " + action + " on the timeline of task " + id + ": " + actions(id));
    }

    protected String awaitState(long id, String wanted) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(state(id))
                .as(() -> "task " + id + ", timeline " + timeline(id)).isEqualTo(wanted));
        return wanted;
    }

    /** The SMS messages the SMSC accepted for a number (E.164 without the +). */
    protected static List<BuiltInSmsc.Received> smsTo(String e164) {
        String destination = e164.startsWith("+") ? e164.substring(1) : e164;
        return SMSC.received().stream().filter(r -> r.destination().equals(destination)).toList();
    }

    /** The portal token and code in a message's text. */
    protected static String[] linkAndCode(String text) {
        Matcher link = LINK.matcher(text);
        Matcher code = CODE.matcher(text);
        assertThat(link.find()).as("a portal link in: %s", text).isTrue();
        assertThat(code.find()).as("a 6-digit code in: %s", text).isTrue();
        return new String[] {link.group(1), code.group(1)};
    }
}
