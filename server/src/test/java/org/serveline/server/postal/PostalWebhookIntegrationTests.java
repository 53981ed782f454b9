package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.postal.PostalTestSupport.event;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.carrier.CarrierJson;
import org.serveline.server.postal.carrier.PostalCarrierContract;
import org.serveline.server.postal.carrier.RecordedCarrierServer;
import org.serveline.server.postal.carrier.WebhookSignature;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.serveline.server.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The carrier's webhook over HTTP: signed calls apply, a wrong signature, a stale or a replayed call change nothing. */
@FallbackChannelsIntegrationTest
class PostalWebhookIntegrationTests {

    private static final AtomicLong SERIAL = new AtomicLong(40_000_000 + System.nanoTime() % 1_000_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    RecordedCarrierServer carrier;
    @Autowired
    MutableClock clock;

    PostalTestSupport postal;
    long task;
    TrackingNumber number;

    @BeforeEach
    void mailingInTransit() {
        postal = new PostalTestSupport(port, tasks);
        task = postal.taskInPostal("欧阳娜", "内蒙古乌海市海南区新华街2号");
        number = TrackingNumber.of("EA", SERIAL.incrementAndGet(), "CN");
        carrier.serve(number, "in-transit.json");
        assertThat(postal.enter(task, number.value()).status()).isEqualTo(200);
    }

    private PostalCarrier.WebhookCall call(TrackingNumber item, TrackingEvent event, String secret) {
        return PostalCarrierContract.webhook(item, event, clock.instant(), UUID.randomUUID().toString(), secret);
    }

    private TrackingEvent outForDelivery() {
        return new TrackingEvent.Progress(number.value() + "-03", MailingStatus.OUT_FOR_DELIVERY,
                clock.instant().minusSeconds(60), "乌海市海南区投递部");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aSignedWebhookMovesTheMailingWithoutSignIn() throws Exception {
        HttpResponse<String> response = postal.webhook(call(number, outForDelivery(),
                FallbackChannelsIntegrationTest.WEBHOOK_SECRET));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("newEvent").asBoolean()).isTrue();
        assertThat(postal.mailing(task).get("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
        JsonNode status = postal.timeline(task).get(postal.timeline(task).size() - 1);
        assertThat(status.get("action").asString()).isEqualTo("POSTAL_STATUS");
        assertThat(status.get("details").get("source").asString()).isEqualTo("WEBHOOK");
    }

    @Test
    void aReplayedDeliveryIsA409AndChangesNothing() throws Exception {
        PostalCarrier.WebhookCall call = call(number, outForDelivery(), FallbackChannelsIntegrationTest.WEBHOOK_SECRET);
        assertThat(postal.webhook(call).statusCode()).isEqualTo(200);
        int events = postal.timeline(task).size();

        HttpResponse<String> replay = postal.webhook(call);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(replay).get("detail").asString()).contains("replay");
        assertThat(postal.timeline(task).size()).isEqualTo(events);
    }

    @Test
    void theSameEventUnderANewDeliveryIdIsAcceptedOnce() throws Exception {
        TrackingEvent event = outForDelivery();
        assertThat(postal.webhook(call(number, event, FallbackChannelsIntegrationTest.WEBHOOK_SECRET)).statusCode())
                .isEqualTo(200);
        int events = postal.timeline(task).size();

        HttpResponse<String> again = postal.webhook(call(number, event, FallbackChannelsIntegrationTest.WEBHOOK_SECRET));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("newEvent").asBoolean()).isFalse();
        assertThat(postal.timeline(task).size()).isEqualTo(events);
    }

    @Test
    void aWrongSignatureIsA401AndChangesNothing() throws Exception {
        int events = postal.timeline(task).size();

        HttpResponse<String> response = postal.webhook(call(number, outForDelivery(), "guessed-secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("detail").asString()).contains("signature");
        assertThat(postal.mailing(task).get("status").asString()).isEqualTo("IN_TRANSIT");
        assertThat(postal.timeline(task).size()).isEqualTo(events);
    }

    @Test
    void aStaleCallIsA401EvenWithTheRightSignature() throws Exception {
        PostalCarrier.WebhookCall stale = PostalCarrierContract.webhook(number, outForDelivery(),
                clock.instant().minus(Duration.ofMinutes(10)), "stale-" + UUID.randomUUID(),
                FallbackChannelsIntegrationTest.WEBHOOK_SECRET);

        HttpResponse<String> response = postal.webhook(stale);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("detail").asString()).contains("window");
        assertThat(postal.mailing(task).get("status").asString()).isEqualTo("IN_TRANSIT");
    }

    @Test
    void aCallForAnUnknownTrackingNumberOrWithAGarbageBodyIsA400() throws Exception {
        TrackingNumber unknown = TrackingNumber.of("EA", SERIAL.incrementAndGet(), "CN");
        HttpResponse<String> response = postal.webhook(call(unknown, outForDelivery(),
                FallbackChannelsIntegrationTest.WEBHOOK_SECRET));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asString()).contains(unknown.value());

        byte[] garbage = "{\"trackingNumber\":1}".getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = new WebhookSignature(FallbackChannelsIntegrationTest.WEBHOOK_SECRET, Duration.ofMinutes(5),
                clock).sign(timestamp, garbage);
        HttpResponse<String> bad = postal.webhook(new PostalCarrier.WebhookCall(garbage, timestamp, "g-" + UUID.randomUUID(),
                signature));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asString()).contains("malformed webhook body");
    }

    @Test
    void aSignatureReportedByWebhookServesTheTask() throws Exception {
        TrackingEvent signed = new TrackingEvent.Signed(number.value() + "-04", clock.instant().minusSeconds(120),
                "乌海市海南区投递部", "欧阳娜", SignerRelation.PARTY);

        assertThat(postal.webhook(call(number, signed, FallbackChannelsIntegrationTest.WEBHOOK_SECRET)).statusCode())
                .isEqualTo(200);

        assertThat(tasks.get(new TaskId(task)).state()).isEqualTo(TaskState.SERVED);
        JsonNode evidence = event(postal.timeline(task), "TASK_DELIVERED").get("details");
        assertThat(evidence.get("serviceDate").asString()).isEqualTo(signed.at().toString());
        assertThat(evidence.get("trackingNumber").asString()).isEqualTo(number.value());
        assertThat(CarrierJson.json(signed)).containsEntry("code", "SIGNED");
    }
}
