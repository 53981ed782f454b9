package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.postal.PostalTestSupport.event;
import static org.serveline.server.testsupport.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.carrier.RecordedCarrierServer;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.serveline.server.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The postal channel end to end on the real server and MariaDB, the carrier being the HTTP adapter talking to a
 * real HTTP server that plays back recorded carrier answers; time moves by a test clock.
 */
@FallbackChannelsIntegrationTest
class PostalChannelIntegrationTests {

    private static final AtomicLong SERIAL = new AtomicLong(30_000_000 + System.nanoTime() % 1_000_000);

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    MailingTracker tracker;
    @Autowired
    RecordedCarrierServer carrier;
    @Autowired
    MutableClock clock;
    @Autowired
    CarrierHealth carrierHealth;

    PostalTestSupport postal;

    @BeforeEach
    void setUp() {
        postal = new PostalTestSupport(port, tasks);
    }

    static TrackingNumber newNumber() {
        return TrackingNumber.of("EA", SERIAL.incrementAndGet(), "CN");
    }

    @Test
    void aTaskEnteringPostalGetsAMailingToThePartysAddressInTheTransactionThatMovedIt() {
        long id = postal.taskInPostal("赵六", "内蒙古乌海市海南区黄河街3号");

        JsonNode mailing = postal.mailing(id);

        assertThat(mailing.get("status").asString()).isEqualTo("AWAITING_BOOKING");
        assertThat(mailing.get("address").asString()).isEqualTo("内蒙古乌海市海南区黄河街3号");
        assertThat(mailing.get("recipient").asString()).isEqualTo("赵六");
        assertThat(mailing.get("trackingNumber").isNull()).isTrue();
        JsonNode timeline = postal.timeline(id);
        assertThat(timeline.findValuesAsString("action")).containsSubsequence("TASK_DISPATCH", "POSTAL_MAILING_CREATED");
        assertThat(event(timeline, "POSTAL_MAILING_CREATED").get("details").get("booking").asString())
                .isEqualTo("CARRIER");
    }

    @Test
    void theCarrierBooksTheItemAndItsSignatureServesTheTaskWithThePostalEvidence() {
        long id = postal.taskInPostal("张三", "内蒙古乌海市海南区人民路1号");

        tracker.checkDue();
        TrackingNumber number = carrier.booked("mailing-" + postal.mailing(id).get("id").asLong());
        assertThat(number).as("booked with the carrier").isNotNull();
        assertThat(postal.mailing(id).get("trackingNumber").asString()).isEqualTo(number.value());
        carrier.serve(number, "signed-by-party.json");
        clock.advance(Duration.ofSeconds(1));
        tracker.checkDue();

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.SERVED);
        JsonNode mailing = postal.mailing(id);
        assertThat(mailing.get("status").asString()).isEqualTo("SIGNED");
        assertThat(mailing.get("signer").asString()).isEqualTo("张三");
        assertThat(mailing.get("history")).hasSize(4);
        JsonNode timeline = postal.timeline(id);
        assertThat(timeline.findValuesAsString("action")).containsSubsequence("POSTAL_MAILING_CREATED",
                "POSTAL_BOOKED", "POSTAL_STATUS", "POSTAL_STATUS", "POSTAL_STATUS", "POSTAL_SIGNED", "TASK_DELIVERED");
        JsonNode evidence = event(timeline, "TASK_DELIVERED").get("details");
        assertThat(evidence.get("channel").asString()).isEqualTo("POSTAL");
        assertThat(evidence.get("serviceDate").asString()).isEqualTo("2026-11-29T03:25:00Z");
        assertThat(evidence.get("serviceDateRule").asString()).isEqualTo("POSTAL_SIGNED");
        assertThat(evidence.get("trackingNumber").asString()).isEqualTo(number.value());
        assertThat(evidence.get("signer").asString()).isEqualTo("张三");
        assertThat(evidence.get("signerRelation").asString()).isEqualTo("PARTY");
        assertThat(evidence.get("address").asString()).isEqualTo("内蒙古乌海市海南区人民路1号");
        JsonNode verified = postal.fixtures().supervisor.get("/api/v1/audit/verify?chain=task:" + id).body();
        assertThat(verified.get("valid").asBoolean()).as("audit chain: %s", verified).isTrue();
    }

    @Test
    void staffTypeTheTrackingNumberAndWhatTheCarrierKnowsIsAppliedAtOnce() {
        long id = postal.taskInPostal("钱七", "内蒙古乌海市海南区滨河路5号");
        TrackingNumber number = newNumber();
        carrier.serve(number, "in-transit.json");

        JsonNode mailing = postal.enter(id, number.value().toLowerCase()).body();

        assertThat(mailing.get("trackingNumber").asString()).isEqualTo(number.value());
        assertThat(mailing.get("status").asString()).isEqualTo("IN_TRANSIT");
        JsonNode booked = event(postal.timeline(id), "POSTAL_BOOKED");
        assertThat(booked.get("actor").asString()).isEqualTo("clerk");
        assertThat(booked.get("details").get("bookedBy").asString()).isEqualTo("STAFF");
        assertThat(booked.get("details").get("carrierConfirmed").asBoolean()).isTrue();
        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.POSTAL);
    }

    @Test
    void aMalformedOrUnknownTrackingNumberIsA400AndChangesNothing() {
        long id = postal.taskInPostal("孙八", "内蒙古乌海市海南区滨河路6号");

        assertProblem(postal.enter(id, "AA123456784CN"), 400, "check digit");
        assertProblem(postal.enter(id, "SF1234567890"), 400, "UPU S10");
        assertProblem(postal.enter(id, newNumber().value()), 400, "does not know");

        assertThat(postal.mailing(id).get("status").asString()).isEqualTo("AWAITING_BOOKING");
        assertThat(postal.timeline(id).findValuesAsString("action")).doesNotContain("POSTAL_BOOKED");
    }

    @Test
    void aSecondNumberOrAnotherMailingsNumberIsAConflictAndATaskWithoutMailingA404() {
        long first = postal.taskInPostal("周九", "内蒙古乌海市海南区滨河路7号");
        long second = postal.taskInPostal("吴十", "内蒙古乌海市海南区滨河路8号");
        TrackingNumber number = newNumber();
        carrier.serve(number, "accepted.json");
        assertThat(postal.enter(first, number.value()).status()).isEqualTo(200);

        assertProblem(postal.enter(first, number.value()), 409, "takes no tracking number");
        assertProblem(postal.enter(second, number.value()), 409, "belongs to another mailing");
        long notMailed = postal.approvedTask("POSTONLY", "郑一", "某地");
        assertProblem(postal.enter(notMailed, number.value()), 404, "has no mailing");
        assertProblem(postal.fixtures().clerk.get("/api/v1/tasks/987654321/mailing"), 404, "987654321");
        assertProblem(postal.fixtures().reviewer.put("/api/v1/tasks/" + second + "/mailing/tracking-number", "{}"),
                400, "");
    }

    @Test
    void aRefusedMailingSendsTheTaskToInPersonLodging() {
        long id = postal.taskInPostalAfterPhone("王二");
        TrackingNumber number = newNumber();
        carrier.serve(number, "returned-refused.json");

        postal.enter(id, number.value());

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.IN_PERSON);
        JsonNode mailing = postal.mailing(id);
        assertThat(mailing.get("status").asString()).isEqualTo("RETURNED");
        assertThat(mailing.get("returnReason").asString()).isEqualTo("REFUSED");
        JsonNode failed = null;
        for (JsonNode each : postal.timeline(id)) {
            failed = "TASK_CHANNEL_FAILED".equals(each.get("action").asString()) ? each : failed;
        }
        assertThat(failed).as("the postal channel's failure").isNotNull();
        assertThat(failed.get("before").asString()).isEqualTo("POSTAL");
        assertThat(failed.get("details").get("reason").asString()).isEqualTo("REFUSED_POST");
        assertThat(failed.get("details").get("returnReason").asString()).isEqualTo("REFUSED");
        assertThat(event(postal.timeline(id), "POSTAL_RETURNED").get("details").get("trackingNumber").asString())
                .isEqualTo(number.value());
    }

    @Test
    void anUnknownAddressFailsTheChannelToTheNextOne() {
        long id = postal.taskInPostal("李雷", "查无此地1号");
        TrackingNumber number = newNumber();
        carrier.serve(number, "returned-unknown-address.json");

        postal.enter(id, number.value());

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.PUBLIC_NOTICE);
        assertThat(event(postal.timeline(id), "TASK_CHANNEL_FAILED").get("details").get("reason").asString())
                .isEqualTo("POST_UNKNOWN_ADDRESS");
    }

    @Test
    void aPartyWithoutAnAddressCannotBeMailedAndTheChannelFailsWithTheReason() {
        long id = postal.taskInPostal("韩梅梅", null);

        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.PUBLIC_NOTICE);
        assertThat(postal.mailing(id).get("status").asString()).isEqualTo("NOT_MAILABLE");
        JsonNode timeline = postal.timeline(id);
        assertThat(timeline.findValuesAsString("action")).containsSubsequence("TASK_DISPATCH", "POSTAL_NOT_MAILABLE",
                "TASK_CHANNEL_FAILED", "PUBLIC_NOTICE_PUBLISHED");
        assertThat(event(timeline, "TASK_CHANNEL_FAILED").get("details").get("reason").asString())
                .isEqualTo("NO_POSTAL_ADDRESS");
        assertProblem(postal.fixtures().clerk.get("/api/v1/tasks/" + id + "/mailing/cover.pdf"), 409, "no postal address");
    }

    @Test
    void aCarrierThatTimesOutOrAnswersGarbageLeavesTheMailingOpenAndIsAskedAgainLaterEachTime() {
        long id = postal.taskInPostal("马克", "内蒙古乌海市海南区滨河路9号");
        TrackingNumber number = newNumber();
        carrier.serve(number, "in-transit.json");
        carrier.hang(number);
        JsonNode entered = postal.enter(id, number.value()).body();
        assertThat(entered.get("status").asString()).as("taken, unconfirmed").isEqualTo("ACCEPTED");
        assertThat(event(postal.timeline(id), "POSTAL_BOOKED").get("details").get("carrierConfirmed").asBoolean())
                .isFalse();

        Instant before = clock.instant();
        tracker.checkDue();
        JsonNode afterTimeout = postal.mailing(id);
        assertThat(afterTimeout.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(afterTimeout.get("failures").asInt()).isEqualTo(1);
        assertThat(afterTimeout.get("lastError").asString()).contains("did not answer");
        assertThat(Instant.parse(afterTimeout.get("nextCheckAt").asString())).isEqualTo(before.plus(Duration.ofMinutes(1)));
        Health down = carrierHealth.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("lastError").toString()).contains("did not answer");
        assertThat((Long) down.getDetails().get("open")).as("mailings waiting on the carrier").isPositive();

        carrier.garbage(number);
        int asked = carrier.requests(number);
        clock.advance(Duration.ofSeconds(30));
        tracker.checkDue();
        assertThat(carrier.requests(number)).as("not due yet").isEqualTo(asked);
        clock.advance(Duration.ofSeconds(31));
        Instant second = clock.instant();
        tracker.checkDue();
        JsonNode afterGarbage = postal.mailing(id);
        assertThat(afterGarbage.get("failures").asInt()).isEqualTo(2);
        assertThat(afterGarbage.get("lastError").asString()).contains("garbage");
        assertThat(Instant.parse(afterGarbage.get("nextCheckAt").asString())).isEqualTo(second.plus(Duration.ofMinutes(2)));
        assertThat(afterGarbage.get("history")).isEmpty();
        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.POSTAL);

        carrier.serve(number, "signed-by-family.json");
        clock.advance(Duration.ofMinutes(2));
        tracker.checkDue();
        JsonNode signed = postal.mailing(id);
        assertThat(signed.get("status").asString()).isEqualTo("SIGNED");
        assertThat(signed.get("failures").asInt()).isZero();
        assertThat(signed.get("nextCheckAt").isNull()).isTrue();
        assertThat(carrierHealth.health().getStatus()).as("answered again").isEqualTo(Status.UP);
        assertThat(tasks.get(new TaskId(id)).state()).isEqualTo(TaskState.SERVED);
        assertThat(event(postal.timeline(id), "TASK_DELIVERED").get("details").get("signerRelation").asString())
                .isEqualTo("ADULT_FAMILY_MEMBER");
    }
}
