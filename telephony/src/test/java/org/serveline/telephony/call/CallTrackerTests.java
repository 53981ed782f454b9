package org.serveline.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiEvent.ChannelRef;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.OriginateRejectedException;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.dialplan.DialplanContract;

@Timeout(10)
class CallTrackerTests {

    private static final Instant T0 = Instant.parse("2026-11-26T23:50:00Z");
    private static final TrackerSettings SETTINGS =
            new TrackerSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    private final MutableClock clock = new MutableClock(T0);
    private final StubPbxLink link = new StubPbxLink();
    private final List<AttemptOutcome> outcomes = new CopyOnWriteArrayList<>();
    private CallTracker tracker = tracker(SETTINGS, clock);

    // a Local channel: ";1" is the originated (control) half, ";2" faces the party
    private final ChannelRef one = channel("Local/555@parties-0001;1", "10.1", "10.1", 0);
    private final ChannelRef two = channel("Local/555@parties-0001;2", "10.2", "10.1", 4);

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    @Test
    void busyIsReadFromThePartyHalfEvenWhenTheHangupsPrecedeTheOriginateResponse() {
        OriginateRequest request = originate("A-1");
        push(new AmiEvent.Newchannel(at(0), one), new AmiEvent.Newchannel(at(1), two),
                varSet(one, DialplanContract.ATTEMPT_ID_VARIABLE, "A-1", 2),
                new AmiEvent.Hangup(at(500), one, 0, "Unknown"), new AmiEvent.Hangup(at(501), two, 17, "User busy"));
        assertThat(outcomes).isEmpty();

        push(response(request, false, 1, null, 502));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.BUSY);
            assertThat(outcome.answeredAt()).isEmpty();
            assertThat(outcome.evidence()).contains("reason 1").contains("[17, 0]");
        });
    }

    @Test
    void anUnallocatedNumberIsInvalidThoughTheReasonSaysCongestion() {
        OriginateRequest request = originate("A-2");
        ChannelRef trunk = channel("PJSIP/trunk-0001", "11.1", "11.1", 0);
        push(varSet(trunk, DialplanContract.ATTEMPT_ID_VARIABLE, "A-2", 0),
                new AmiEvent.Hangup(at(300), trunk, 1, "Unallocated (unassigned) number"),
                response(request, false, 8, null, 301));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.INVALID_NUMBER);
    }

    @Test
    void aFailureWithoutAnyChannelFallsBackOnTheReason() {
        OriginateRequest request = originate("A-3");
        push(response(request, false, 0, null, 10));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.FAILED);
    }

    @Test
    void thePartyHangingUpWithinTheWindowIsAnEarlyHangup() {
        OriginateRequest request = originate("A-4");
        push(new AmiEvent.Newchannel(at(0), one), new AmiEvent.Newchannel(at(1), two),
                new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002));
        clock.set(at(3000));
        push(new AmiEvent.HangupRequest(at(3000), up(two), 16, true), new AmiEvent.Hangup(at(3001), up(two), 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.HUNG_UP_EARLY);
            assertThat(outcome.answeredAt()).contains(at(1000));
            assertThat(outcome.uniqueId()).contains("10.1");
        });
    }

    @Test
    void thePartyHangingUpAfterTheWindowIsAnswered() {
        OriginateRequest request = originate("A-5");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002));
        push(new AmiEvent.HangupRequest(at(9000), up(two), 16, true));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
        assertThat(outcomes.get(0).answeredAt()).contains(at(1000));
    }

    @Test
    void ourSideHangingUpRightAwayIsStillAnswered() {
        OriginateRequest request = originate("A-6");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002),
                new AmiEvent.HangupRequest(at(1100), up(one), 32, true),
                new AmiEvent.HangupRequest(at(1101), up(two), 0, false));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
    }

    @Test
    void aRemoteHangupRequestOnADirectChannelIsTheParty() {
        OriginateRequest request = originate("A-7");
        ChannelRef trunk = channel("PJSIP/trunk-0002", "12.1", "12.1", 6);
        push(new AmiEvent.Newstate(at(1000), trunk), response(request, true, 4, "12.1", 1001),
                new AmiEvent.HangupRequest(at(1500), trunk, 16, false));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.HUNG_UP_EARLY);
    }

    @Test
    void eventsAfterTheOutcomeAndADuplicateResponseNeverSettleTwice() {
        OriginateRequest request = originate("A-8");
        push(varSet(one, DialplanContract.ATTEMPT_ID_VARIABLE, "A-8", 0), response(request, false, 5, null, 10),
                response(request, false, 5, null, 11), new AmiEvent.Hangup(at(12), one, 17, ""),
                new AmiEvent.Hangup(at(13), two, 17, ""));

        assertThat(outcomes).hasSize(1);
        assertThat(tracker.openAttempts()).isZero();
    }

    @Test
    void theAttemptVariableTiesTheCallEvenWhenTheResponseLacksAUniqueid() {
        OriginateRequest request = originate("A-9");
        push(varSet(two, DialplanContract.ATTEMPT_ID_VARIABLE, "A-9", 0),
                new AmiEvent.Hangup(at(100), two, 21, "Call rejected"), response(request, false, 1, null, 101));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.REJECTED);
    }

    @Test
    void aResponseToAnUnknownActionIdIsCountedAndIgnored() {
        originate("A-10");
        push(new AmiEvent.OriginateResponse(at(5), "someone-else-42", true, 4, "PJSIP/x", Optional.of("99.1"), "",
                "", "", ""));

        assertThat(outcomes).isEmpty();
        assertThat(tracker.unknownActionIds()).isEqualTo(1);
        assertThat(tracker.openAttempts()).isEqualTo(1);
    }

    @Test
    void anAnsweredCallStillUpAfterTheWindowIsSettledAnswered() {
        tracker.close();
        tracker = tracker(new TrackerSettings(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(2)),
                Clock.systemUTC());
        OriginateRequest request = originate("A-11");
        Instant now = Instant.now();
        link.push(new AmiEvent.Newstate(now, up(two)));
        link.push(new AmiEvent.OriginateResponse(now, request.actionId(), true, 4, one.channel(), Optional.of("10.1"),
                "", "", "", ""));

        await().until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERED);
            assertThat(outcome.evidence()).contains("still up");
        });
    }

    @Test
    void withoutAnyOriginateResponseTheAttemptFailsAfterItsDeadline() {
        tracker.close();
        tracker = tracker(new TrackerSettings(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(2)),
                Clock.systemUTC());
        tracker.originate(new OriginateRequest("A-12", "T-1", "PJSIP/1@trunk",
                new OriginateRequest.Dialplan("serveline-outbound", "s", 1), "", Duration.ofMillis(50), Map.of()));

        await().until(() -> !outcomes.isEmpty());
        assertThat(outcomes.get(0).kind()).isEqualTo(OutcomeKind.FAILED);
        assertThat(outcomes.get(0).evidence()).contains("no OriginateResponse");
    }

    @Test
    void aRefusedOriginateSettlesFailedAndFailsTheFuture() {
        link.onOriginate = request -> CompletableFuture.failedFuture(new OriginateRejectedException("PBX is DOWN"));

        CompletableFuture<?> future = tracker.originate(request("A-13"));

        assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OriginateRejectedException.class);
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.FAILED);
            assertThat(outcome.evidence()).contains("PBX is DOWN");
        });
    }

    @Test
    void anAttemptIdCannotBeTrackedTwice() {
        originate("A-14");

        assertThatThrownBy(() -> tracker.originate(request("A-14"))).isInstanceOf(IllegalStateException.class);
        assertThat(link.originated).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        tracker.onOutcome(outcome -> {
            throw new IllegalStateException("listener bug");
        });
        List<AttemptOutcome> second = new CopyOnWriteArrayList<>();
        tracker.onOutcome(second::add);
        OriginateRequest request = originate("A-15");

        push(response(request, false, 3, null, 1));

        assertThat(second).hasSize(1);
    }

    @Test
    void callsThatBelongToNoAttemptAreForgottenAfterTheRetention() {
        tracker.close();
        tracker = tracker(new TrackerSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50)),
                Clock.systemUTC());
        link.push(new AmiEvent.Newchannel(Instant.now(), channel("PJSIP/other-1", "50.1", "50.1", 0)));
        assertThat(tracker.rememberedCalls()).isEqualTo(1);

        await().until(() -> tracker.rememberedCalls() == 0);
    }

    @Test
    void anAdoptedCallUpForLongerThanTheWindowIsAnsweredAtOnce() {
        tracker.adopt(new LiveAttempt("stub", "A-16", Optional.of("T-16"), one.channel(), "10.1", "10.1", "Up",
                "AGI", "00:01:00"));
        push(new AmiEvent.HangupRequest(at(1000), up(two), 16, true), new AmiEvent.Hangup(at(1001), up(two), 16, ""));

        assertThat(tracker.openAttempts()).isZero();
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERED);
            assertThat(outcome.taskId()).isEqualTo("T-16");
            assertThat(outcome.answeredAt()).contains(T0.minusSeconds(60));
        });
    }

    @Test
    void anAdoptedCallThatJustAnsweredIsStillJudgedByTheWindow() {
        tracker.adopt(new LiveAttempt("stub", "A-19", Optional.empty(), one.channel(), "10.1", "10.1", "Up",
                "AGI", "00:00:01"));
        assertThat(outcomes).isEmpty();
        clock.set(at(1000));

        push(new AmiEvent.HangupRequest(at(1000), up(two), 16, true));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.HUNG_UP_EARLY);
    }

    @Test
    void anAdoptedRingingCallIsSettledByTheOriginateResponseOfItsOldSession() {
        tracker.adopt(new LiveAttempt("stub", "A-17", Optional.empty(), one.channel(), "10.1", "10.1", "Ringing",
                "AppDial2", "00:00:05"));
        assertThat(outcomes).isEmpty();

        push(new AmiEvent.OriginateResponse(at(100), OriginateRequest.actionIdFor("A-17"), false, 3, "Local/555@parties",
                Optional.empty(), "", "", "", ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.NO_ANSWER);
    }

    @Test
    void adoptingAnAttemptAlreadyTrackedChangesNothing() {
        originate("A-18");

        tracker.adopt(new LiveAttempt("stub", "A-18", Optional.empty(), one.channel(), "10.1", "10.1", "Up", "", ""));

        assertThat(tracker.openAttempts()).isEqualTo(1);
        assertThat(outcomes).isEmpty();
    }

    private CallTracker tracker(TrackerSettings settings, Clock trackerClock) {
        CallTracker created = new CallTracker(link, settings, trackerClock);
        created.onOutcome(outcomes::add);
        return created;
    }

    private OriginateRequest originate(String attemptId) {
        OriginateRequest request = request(attemptId);
        tracker.originate(request);
        return request;
    }

    private static OriginateRequest request(String attemptId) {
        return new OriginateRequest(attemptId, "T-1", "Local/555@parties",
                new OriginateRequest.Dialplan("serveline-outbound", "s", 1), "", Duration.ofSeconds(30), Map.of());
    }

    private void push(AmiEvent... events) {
        for (AmiEvent event : events) {
            link.push(event);
        }
    }

    private static AmiEvent.OriginateResponse response(OriginateRequest request, boolean success, int reason,
                                                       String uniqueId, long millis) {
        return new AmiEvent.OriginateResponse(at(millis), request.actionId(), success, reason, "Local/555@parties",
                Optional.ofNullable(uniqueId), "serveline-outbound", "s", "", "");
    }

    private static AmiEvent.VarSet varSet(ChannelRef channel, String name, String value, long millis) {
        return new AmiEvent.VarSet(at(millis), channel, name, value);
    }

    private static ChannelRef channel(String name, String uniqueId, String linkedId, int state) {
        return new ChannelRef(name, uniqueId, linkedId, state, "", "", "", "");
    }

    private static ChannelRef up(ChannelRef channel) {
        return new ChannelRef(channel.channel(), channel.uniqueId(), channel.linkedId(), 6, "Up", "", "", "");
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
