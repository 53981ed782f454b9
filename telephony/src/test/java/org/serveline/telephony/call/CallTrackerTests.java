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
        assertThat(outcomes).as("the ;1 half still runs the dialplan: the call is not over").isEmpty();

        push(new AmiEvent.Hangup(at(3100), up(one), 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.HUNG_UP_EARLY);
            assertThat(outcome.answeredAt()).contains(at(1000));
            assertThat(outcome.endedAt()).isEqualTo(at(3100));
            assertThat(outcome.hangupCause()).hasValue(16);
            assertThat(outcome.operatorAnsweredAt()).isEmpty();
            assertThat(outcome.uniqueId()).contains("10.1");
        });
    }

    @Test
    void thePartyHangingUpAfterTheWindowIsAnswered() {
        OriginateRequest request = originate("A-5");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002));
        push(new AmiEvent.HangupRequest(at(9000), up(two), 16, true), new AmiEvent.Hangup(at(9001), up(two), 16, ""),
                new AmiEvent.Hangup(at(9050), up(one), 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
        assertThat(outcomes.get(0).answeredAt()).contains(at(1000));
        assertThat(outcomes.get(0).endedAt()).isEqualTo(at(9050));
    }

    @Test
    void ourSideHangingUpRightAwayIsStillAnswered() {
        OriginateRequest request = originate("A-6");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002),
                new AmiEvent.HangupRequest(at(1100), up(one), 32, true),
                new AmiEvent.HangupRequest(at(1101), up(two), 0, false),
                new AmiEvent.Hangup(at(1102), up(one), 16, ""), new AmiEvent.Hangup(at(1103), up(two), 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
    }

    @Test
    void aRemoteHangupRequestOnADirectChannelIsTheParty() {
        OriginateRequest request = originate("A-7");
        ChannelRef trunk = channel("PJSIP/trunk-0002", "12.1", "12.1", 6);
        push(new AmiEvent.Newstate(at(1000), trunk), response(request, true, 4, "12.1", 1001),
                new AmiEvent.HangupRequest(at(1500), trunk, 16, false), new AmiEvent.Hangup(at(1501), trunk, 16, ""));

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
    void anAnsweredCallIsNotSettledWhileAChannelLivesHoweverLongItLasts() {
        tracker.close();
        tracker = tracker(new TrackerSettings(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(2)),
                Clock.systemUTC());
        OriginateRequest request = originate("A-11");
        Instant now = Instant.now();
        link.push(new AmiEvent.Newstate(now, up(two)));
        link.push(new AmiEvent.OriginateResponse(now, request.actionId(), true, 4, one.channel(), Optional.of("10.1"),
                "", "", "", ""));

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(outcomes::isEmpty);
        assertThat(tracker.openAttempts()).isEqualTo(1);

        Instant end = now.plusSeconds(20);
        link.push(new AmiEvent.HangupRequest(end, up(one), 16, true));
        link.push(new AmiEvent.Hangup(end, up(one), 16, ""));
        assertThat(outcomes).isEmpty();
        link.push(new AmiEvent.Hangup(end.plusMillis(40), up(two), 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERED);
            assertThat(outcome.endedAt()).isEqualTo(end.plusMillis(40));
            assertThat(outcome.evidence()).contains("last channel hung up at " + end.plusMillis(40));
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
        push(new AmiEvent.HangupRequest(at(1000), up(two), 16, true), new AmiEvent.Hangup(at(1001), up(two), 16, ""),
                new AmiEvent.Hangup(at(1002), up(one), 16, ""));

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

        push(new AmiEvent.HangupRequest(at(1000), up(two), 16, true), new AmiEvent.Hangup(at(1000), up(two), 16, ""),
                new AmiEvent.Hangup(at(1001), up(one), 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.HUNG_UP_EARLY);
    }

    @Test
    void anAdoptedRingingCallIsSettledByTheOriginateResponseOfItsOldSession() {
        tracker.adopt(new LiveAttempt("stub", "A-17", Optional.empty(), one.channel(), "10.1", "10.1", "Ringing",
                "AppDial2", "00:00:05"));
        assertThat(outcomes).isEmpty();

        push(new AmiEvent.OriginateResponse(at(100), OriginateRequest.actionIdFor("A-17"), false, 3, "Local/555@parties",
                Optional.empty(), "", "", "", ""));
        assertThat(outcomes).as("its channel has not hung up yet").isEmpty();
        push(new AmiEvent.Hangup(at(101), one, 19, "User alerting, no answer"));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.NO_ANSWER);
        assertThat(outcomes.get(0).endedAt()).isEqualTo(at(101));
        assertThat(outcomes.get(0).hangupCause()).hasValue(19);
    }

    @Test
    void aFailedCallWhoseHangupsNeverComeIsDecidedAfterTheGrace() {
        tracker.close();
        tracker = tracker(new TrackerSettings(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(2)),
                Clock.systemUTC());
        OriginateRequest request = originate("A-30");
        link.push(new AmiEvent.Newchannel(Instant.now(), one));
        link.push(new AmiEvent.VarSet(Instant.now(), one, DialplanContract.ATTEMPT_ID_VARIABLE, "A-30"));
        link.push(new AmiEvent.OriginateResponse(Instant.now(), request.actionId(), false, 5, one.channel(),
                Optional.empty(), "", "", "", ""));
        assertThat(outcomes).isEmpty();

        await().atMost(Duration.ofSeconds(3)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.BUSY);
    }

    @Test
    void adoptingAnAttemptAlreadyTrackedChangesNothing() {
        originate("A-18");

        tracker.adopt(new LiveAttempt("stub", "A-18", Optional.empty(), one.channel(), "10.1", "10.1", "Up", "", ""));

        assertThat(tracker.openAttempts()).isEqualTo(1);
        assertThat(outcomes).isEmpty();
    }

    @Test
    void anOperatorCallKeepsTheOperatorsAnswerApartFromThePartysAndEndsWithItsLastChannel() {
        OriginateRequest request = operatorCall("A-20");
        ChannelRef phone = channel("PJSIP/agent100-00000002", "20.1", "20.1", 0);
        ChannelRef partyOne = channel("Local/138@parties-0002;1", "20.2", "20.1", 0);
        ChannelRef partyTwo = channel("Local/138@parties-0002;2", "20.3", "20.1", 4);
        push(new AmiEvent.Newchannel(at(0), phone), response(request, true, 4, "20.1", 1000),
                new AmiEvent.Newstate(at(1000), up(phone)), new AmiEvent.Newchannel(at(1001), partyOne),
                new AmiEvent.Newchannel(at(1001), partyTwo), new AmiEvent.Newstate(at(2003), up(partyTwo)),
                new AmiEvent.Newstate(at(2003), up(partyOne)),
                new AmiEvent.HangupRequest(at(22_500), up(partyTwo), 16, true),
                new AmiEvent.Hangup(at(22_500), up(partyTwo), 16, ""), new AmiEvent.Hangup(at(22_500), up(partyOne), 16, ""));
        assertThat(outcomes).as("the operator's phone is still up").isEmpty();

        push(new AmiEvent.Hangup(at(22_501), up(phone), 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERED);
            assertThat(outcome.operatorAnsweredAt()).contains(at(1000));
            assertThat(outcome.answeredAt()).contains(at(2003));
            assertThat(outcome.endedAt()).isEqualTo(at(22_501));
        });
    }

    @Test
    void aLiveCallIsReportedAnsweredOnceBeforeItsOutcome() {
        List<AttemptAnswered> answers = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        tracker.onAnswered(answers::add);
        tracker.onAnswered(answered -> order.add("answered"));
        tracker.onOutcome(outcome -> order.add("outcome"));
        OriginateRequest request = originate("A-31");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1001), up(one)),
                response(request, true, 4, "10.1", 1002), varSet(up(one), "SERVELINE_NOTICE_RESULT", "consent", 9000));

        assertThat(answers).singleElement().satisfies(answered -> {
            assertThat(answered.attemptId()).isEqualTo("A-31");
            assertThat(answered.partyAnsweredAt()).contains(at(1000));
            assertThat(answered.operatorAnsweredAt()).isEmpty();
        });
        push(new AmiEvent.Hangup(at(9100), up(one), 16, ""), new AmiEvent.Hangup(at(9101), up(two), 16, ""));
        assertThat(answers).hasSize(1);
        assertThat(order).containsExactly("answered", "outcome");
    }

    @Test
    void anOperatorCallIsReportedAnsweredByTheOperatorThenByTheParty() {
        List<AttemptAnswered> answers = new CopyOnWriteArrayList<>();
        tracker.onAnswered(answers::add);
        OriginateRequest request = operatorCall("A-32");
        ChannelRef phone = channel("PJSIP/agent100-00000009", "32.1", "32.1", 6);
        ChannelRef party = channel("PJSIP/trunk-0000000a", "32.2", "32.1", 6);
        push(new AmiEvent.Newstate(at(500), phone), response(request, true, 4, "32.1", 500));
        assertThat(answers).singleElement().satisfies(answered -> {
            assertThat(answered.operatorAnsweredAt()).contains(at(500));
            assertThat(answered.partyAnsweredAt()).isEmpty();
        });

        push(new AmiEvent.Newstate(at(1500), party));

        assertThat(answers).hasSize(2);
        assertThat(answers.get(1).partyAnsweredAt()).contains(at(1500));
        assertThat(answers.get(1).operatorAnsweredAt()).contains(at(500));
    }

    @Test
    void theOperatorHangingUpIsOurSideNotThePartys() {
        OriginateRequest request = operatorCall("A-21");
        ChannelRef phone = channel("PJSIP/agent100-00000003", "21.1", "21.1", 6);
        ChannelRef party = channel("PJSIP/trunk-00000004", "21.2", "21.1", 6);
        push(new AmiEvent.Newstate(at(500), phone), response(request, true, 4, "21.1", 500),
                new AmiEvent.Newstate(at(1500), party), new AmiEvent.HangupRequest(at(2000), phone, 16, false),
                new AmiEvent.Hangup(at(2000), phone, 16, ""), new AmiEvent.Hangup(at(2001), party, 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
    }

    @Test
    void anOperatorCallWhosePartyNeverAnswersIsDecidedByThePartysCause() {
        OriginateRequest request = operatorCall("A-22");
        ChannelRef phone = channel("PJSIP/agent100-00000005", "22.1", "22.1", 6);
        ChannelRef partyTwo = channel("Local/138@parties-0005;2", "22.3", "22.1", 5);
        ChannelRef partyOne = channel("Local/138@parties-0005;1", "22.2", "22.1", 0);
        push(new AmiEvent.Newstate(at(500), phone), response(request, true, 4, "22.1", 500),
                new AmiEvent.DialEnd(at(800), Optional.of(phone), partyOne, "BUSY"),
                new AmiEvent.Hangup(at(800), partyOne, 0, ""), new AmiEvent.Hangup(at(800), partyTwo, 17, "User busy"),
                new AmiEvent.Hangup(at(801), phone, 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.BUSY);
            assertThat(outcome.answeredAt()).isEmpty();
            assertThat(outcome.operatorAnsweredAt()).contains(at(500));
            assertThat(outcome.hangupCause()).hasValue(17);
        });
    }

    @Test
    void aLocalChannelThatOptimisesItselfAwayDoesNotEndTheCall() {
        OriginateRequest request = operatorCall("A-23");
        ChannelRef phone = channel("PJSIP/agent100-00000006", "23.1", "23.1", 6);
        ChannelRef localOne = channel("Local/138@trunk-0006;1", "23.2", "23.1", 6);
        ChannelRef localTwo = channel("Local/138@trunk-0006;2", "23.3", "23.1", 6);
        ChannelRef trunk = channel("PJSIP/carrier-00000007", "23.4", "23.1", 6);
        push(new AmiEvent.Newstate(at(500), phone), response(request, true, 4, "23.1", 500),
                new AmiEvent.Newstate(at(1500), localTwo), new AmiEvent.Newstate(at(1500), localOne),
                new AmiEvent.Newstate(at(1500), trunk),
                new AmiEvent.OtherEvent(at(1590), "LocalOptimizationBegin", Map.of("LocalOneUniqueid", "23.2",
                        "LocalTwoUniqueid", "23.3", "SourceUniqueid", "23.4", "DestUniqueId", "23.1")),
                // the Local pair leaves; the operator and the carrier channel are bridged directly
                new AmiEvent.Hangup(at(1600), localOne, 16, ""), new AmiEvent.Hangup(at(1600), localTwo, 16, ""));
        assertThat(outcomes).isEmpty();

        push(new AmiEvent.HangupRequest(at(30_000), trunk, 16, false), new AmiEvent.Hangup(at(30_000), trunk, 16, ""),
                new AmiEvent.Hangup(at(30_001), phone, 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERED);
            assertThat(outcome.endedAt()).isEqualTo(at(30_001));
        });
    }

    @Test
    void aMachineFoundByAmdIsAnAnsweringMachineWhoeverHangsUp() {
        OriginateRequest request = originate("A-24");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1000), up(one)),
                response(request, true, 4, "10.1", 1000), varSet(up(one), "AMDSTATUS", "MACHINE", 3500),
                varSet(up(one), "AMDCAUSE", "LONGGREETING-2000-1500", 3500),
                new AmiEvent.HangupRequest(at(3600), up(one), 16, true), new AmiEvent.Hangup(at(3600), up(one), 16, ""),
                new AmiEvent.Hangup(at(3601), up(two), 16, ""));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.ANSWERING_MACHINE);
            assertThat(outcome.answeredAt()).contains(at(1000));
            assertThat(outcome.evidence()).contains("AMDSTATUS MACHINE").contains("LONGGREETING-2000-1500");
        });
    }

    @Test
    void aHumanFoundByAmdIsJudgedAsAnyAnsweredCall() {
        OriginateRequest request = originate("A-25");
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1000), up(one)),
                response(request, true, 4, "10.1", 1000), varSet(up(one), "AMDSTATUS", "HUMAN", 2000),
                new AmiEvent.Hangup(at(40_000), up(two), 16, ""), new AmiEvent.Hangup(at(40_001), up(one), 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::kind).containsExactly(OutcomeKind.ANSWERED);
    }

    @Test
    void callsGoneWhenTheLostLinkComesBackArePbxFailuresAndLiveOnesGoOn() {
        OriginateRequest vanished = originate("A-26");
        OriginateRequest survivor = originate("A-27");
        ChannelRef otherOne = channel("Local/556@parties-0008;1", "30.1", "30.1", 6);
        ChannelRef otherTwo = channel("Local/556@parties-0008;2", "30.2", "30.1", 6);
        push(new AmiEvent.Newstate(at(1000), up(two)), new AmiEvent.Newstate(at(1000), up(one)),
                response(vanished, true, 4, "10.1", 1000), new AmiEvent.Newstate(at(1000), otherTwo),
                new AmiEvent.Newstate(at(1000), otherOne), response(survivor, true, 4, "30.1", 1000),
                new AmiEvent.LinkLost(at(5000), "connection lost"));
        clock.set(at(9000));
        link.live = List.of(new LiveAttempt("stub", "A-27", Optional.of("T-1"), otherOne.channel(), "30.1", "30.1",
                "Up", "AGI", "00:00:08"), new LiveAttempt("stub", "A-27", Optional.of("T-1"), otherTwo.channel(),
                "30.2", "30.1", "Up", "", "00:00:08"));

        push(new AmiEvent.LinkUp(at(9000), true));

        await().until(() -> outcomes.size() == 1);
        assertThat(outcomes.get(0)).satisfies(outcome -> {
            assertThat(outcome.attemptId()).isEqualTo("A-26");
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.PBX_FAILURE);
            assertThat(outcome.answeredAt()).contains(at(1000));
            assertThat(outcome.evidence()).contains("AMI link lost").contains("connection lost")
                    .contains("channel vanished");
        });
        assertThat(tracker.openAttempts()).isEqualTo(1);

        push(new AmiEvent.Hangup(at(20_000), otherTwo, 16, ""), new AmiEvent.Hangup(at(20_001), otherOne, 16, ""));

        assertThat(outcomes).extracting(AttemptOutcome::attemptId, AttemptOutcome::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("A-27", OutcomeKind.ANSWERED));
    }

    @Test
    void aCallThatWasRingingWhenThePbxDiedIsAPbxFailureToo() {
        originate("A-28");
        push(new AmiEvent.Newchannel(at(0), one), new AmiEvent.Newchannel(at(1), two),
                varSet(one, DialplanContract.ATTEMPT_ID_VARIABLE, "A-28", 2),
                new AmiEvent.LinkLost(at(3000), "no answer to Ping within PT5S"));
        link.live = List.of();

        push(new AmiEvent.LinkUp(at(9000), true));

        await().until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(OutcomeKind.PBX_FAILURE);
            assertThat(outcome.answeredAt()).isEmpty();
        });
    }

    @Test
    void aLinkThatComesUpForTheFirstTimeChecksNothing() {
        originate("A-29");
        link.live = List.of();

        push(new AmiEvent.LinkUp(at(10), false));

        assertThat(outcomes).isEmpty();
        assertThat(tracker.openAttempts()).isEqualTo(1);
    }

    private OriginateRequest operatorCall(String attemptId) {
        OriginateRequest request = new OriginateRequest(attemptId, "T-1", "PJSIP/agent100",
                new OriginateRequest.Dialplan(DialplanContract.OPERATOR_CONTEXT, "s", 1), "", Duration.ofSeconds(30),
                Map.of());
        tracker.originate(request);
        return request;
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
