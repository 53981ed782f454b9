package org.serveline.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serveline.pbxsim.ami.EventFilter;
import org.serveline.telephony.ami.FakeAmiServer;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.TappedTrace;
import org.serveline.telephony.dialplan.DialplanContract;

/**
 * The streams a real Asterisk 22 sent while Serveline itself placed notice and operator calls
 * ({@code serveline-notice-calls.txt}, {@code serveline-operator-call.txt}), frame by frame over a real TCP socket into
 * asterisk-java, our link and the tracker, each frame stamped with the time the tap received it. Every attempt
 * settles once, at the hang-up of its last channel (not 3 s after the answer), with the party's answer apart from
 * the operator's. Each trace is replayed twice: in full, and with only the events the eventfilter lines of the shipped
 * {@code config/asterisk/manager.conf} let through, as that Asterisk would send them; both give the same outcomes.
 */
@Timeout(120)
class ServelineTraceReplayIntegrationTests {

    private static final Instant TAP_LOGIN = Instant.parse("2026-11-30T04:13:27.915Z");
    private static final Map<String, AttemptOutcome> OUTCOMES = new ConcurrentHashMap<>();
    private static final Map<String, AttemptOutcome> FILTERED_OUTCOMES = new ConcurrentHashMap<>();

    @BeforeAll
    static void replayBothTraces() throws Exception {
        replayBothTraces(EventFilter.NONE, OUTCOMES);
        Path conf = Path.of("..", "config", "asterisk", "manager.conf");
        replayBothTraces(EventFilter.parse(EventFilter.linesOf(Files.exists(conf) ? conf
                : Path.of("config", "asterisk", "manager.conf"), "serveline")), FILTERED_OUTCOMES);
    }

    private static void replayBothTraces(EventFilter filter, Map<String, AttemptOutcome> outcomes) throws Exception {
        replay("serveline-notice-calls.txt", List.of("5858ec77-2954-4308-9d34-c04c82a83d71",
                "21b2a543-c843-4b6a-a233-545867f9ebd7", "2c46039e-86b2-40fd-bcd9-0dc9bd13624c",
                "da9839ef-48c0-48ee-8ec2-403f71bcbc64", "d3b1b3e4-cf7b-4fd8-bce6-4972941d48d6",
                "29b4634d-a5ba-4342-ab2f-ecefe3abb6a7", "ce0a2ed6-709a-4aa5-ae43-175a7a463ec4",
                "6a3cabb7-86d5-4029-a949-04eed2e8bece", "bbe43f09-7faf-4642-a3e5-f27deed633c1",
                "126ab339-2624-44cb-8eb7-f2662a2b800b", "1d9a04ca-8605-4e56-88f2-62845cb50885",
                "9b24a43c-d0bc-4f95-a654-5d3ddfbd819e"), DialplanContract.OUTBOUND_CONTEXT,
                "Local/138@lab-parties", filter, outcomes);
        replay("serveline-operator-call.txt", List.of("04af74fa-3c7b-4340-9ec9-82657bde7b9c"),
                DialplanContract.OPERATOR_CONTEXT, "PJSIP/agent100", filter, outcomes);
    }

    @AfterAll
    static void forget() {
        OUTCOMES.clear();
        FILTERED_OUTCOMES.clear();
    }

    private static void replay(String traceName, List<String> attempts, String context, String channel,
            EventFilter filter, Map<String, AttemptOutcome> outcomes) throws IOException, InterruptedException {
        TappedTrace trace = TappedTrace.load(traceName);
        CallTrackerTests.MutableClock clock = new CallTrackerTests.MutableClock(TAP_LOGIN);
        FakeAmiServer.Script pingable = new FakeAmiServer.Script() {
            @Override
            public void action(Map<String, String> action, FakeAmiServer.Session session) throws IOException {
                session.send("Response: Success\r\nActionID: " + action.get("ActionID") + "\r\nPing: Pong\r\n\r\n");
            }
        };
        try (FakeAmiServer server = new FakeAmiServer(pingable);
             PbxLink link = PbxLink.asterisk(server.config("lab"), clock);
             CallTracker tracker = new CallTracker(link, TrackerSettings.DEFAULTS, clock)) {
            tracker.onOutcome(outcome -> outcomes.put(outcome.attemptId(), outcome));
            link.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> link.health().isUp());
            for (String attempt : attempts) {
                // as Serveline did: the attempt is tracked before its Originate leaves (sent by the real node)
                tracker.track(new OriginateRequest(attempt, "1", channel, new OriginateRequest.Dialplan(context, "s", 1),
                        "", Duration.ofSeconds(15), Map.of()));
            }
            for (TappedTrace.Block block : trace.events().stream().filter(b -> filter.allows(b.frame())).toList()) {
                long before = link.metrics().eventsReceived();
                clock.set(TAP_LOGIN.plus(block.at()));
                server.sendToAll(block.frame());
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> link.metrics().eventsReceived() > before);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.stream().allMatch(outcomes::containsKey));
            assertThat(tracker.openAttempts()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
            // attempt,                           party,               outcome,        answered, ended,  cause
            "5858ec77-2954-4308-9d34-c04c82a83d71, 1001 consent,       ANSWERED,       20.039,   40.560, 16",
            "21b2a543-c843-4b6a-a233-545867f9ebd7, 1002 refuse,        ANSWERED,       20.277,   24.569, 16",
            "2c46039e-86b2-40fd-bcd9-0dc9bd13624c, 1003 no answer,     NO_ANSWER,      ,         34.540, 19",
            "da9839ef-48c0-48ee-8ec2-403f71bcbc64, 1004 busy,          BUSY,           ,         19.753, 17",
            "d3b1b3e4-cf7b-4fd8-bce6-4972941d48d6, 1005 congestion,    CONGESTION,     ,         19.764, 34",
            "29b4634d-a5ba-4342-ab2f-ecefe3abb6a7, 1006 hangs up,      HUNG_UP_EARLY,  19.990,   20.123, 16",
            "ce0a2ed6-709a-4aa5-ae43-175a7a463ec4, 1007 silent,        ANSWERED,       21.230,   42.714, 16",
            "6a3cabb7-86d5-4029-a949-04eed2e8bece, 1004 busy again,    BUSY,           ,         29.979, 17",
            "bbe43f09-7faf-4642-a3e5-f27deed633c1, 1005 congestion again, CONGESTION,  ,         29.979, 34",
            "126ab339-2624-44cb-8eb7-f2662a2b800b, 1006 hangs up again, HUNG_UP_EARLY, 30.206,   30.278, 16",
            "1d9a04ca-8605-4e56-88f2-62845cb50885, 1003 no answer again, NO_ANSWER,    ,         59.793, 19",
            "9b24a43c-d0bc-4f95-a654-5d3ddfbd819e, 1007 silent again,  ANSWERED,       53.944,   75.424, 16"})
    void noticeCallsSettleAtTheirLastHangupWithThePartysAnswerTime(String attempt, String party, OutcomeKind kind,
            String answered, String ended, int cause) {
        for (Map<String, AttemptOutcome> outcomes : List.of(OUTCOMES, FILTERED_OUTCOMES)) {
            noticeCallSettles(outcomes.get(attempt), kind, answered, ended, cause);
        }
    }

    private static void noticeCallSettles(AttemptOutcome outcome, OutcomeKind kind, String answered, String ended,
            int cause) {
        assertThat(outcome.kind()).as(outcome.evidence()).isEqualTo(kind);
        assertThat(outcome.answeredAt()).isEqualTo(java.util.Optional.ofNullable(answered).map(t -> tap(t)));
        assertThat(outcome.operatorAnsweredAt()).isEmpty();
        assertThat(outcome.endedAt()).isEqualTo(tap(ended));
        assertThat(outcome.hangupCause()).hasValue(cause);
        if (answered != null) {
            assertThat(Duration.between(tap(answered), outcome.endedAt())).as("no longer 'still up after PT3S'")
                    .isNotEqualTo(TrackerSettings.DEFAULTS.earlyHangupWindow());
        }
    }

    @org.junit.jupiter.api.Test
    void theOperatorCallKeepsTheSoftphonesAnswerApartAndLastsUntilThePartyHangsUp() {
        for (Map<String, AttemptOutcome> outcomes : List.of(OUTCOMES, FILTERED_OUTCOMES)) {
            operatorCallSettles(outcomes.get("04af74fa-3c7b-4340-9ec9-82657bde7b9c"));
        }
    }

    @org.junit.jupiter.api.Test
    void theFilteredStreamsGiveTheSameOutcomesToTheLastDetail() {
        assertThat(FILTERED_OUTCOMES).hasSize(13).containsOnlyKeys(OUTCOMES.keySet());
        // settledAt is the replay clock when the tracker decided, which a timer may read between two frames
        OUTCOMES.forEach((attempt, outcome) -> assertThat(FILTERED_OUTCOMES.get(attempt)).as(attempt)
                .usingRecursiveComparison().ignoringFields("settledAt").isEqualTo(outcome));
    }

    private static void operatorCallSettles(AttemptOutcome outcome) {
        assertThat(outcome.kind()).as(outcome.evidence()).isEqualTo(OutcomeKind.ANSWERED);
        assertThat(outcome.operatorAnsweredAt()).contains(tap("25.050"));
        assertThat(outcome.answeredAt()).contains(tap("26.053"));
        assertThat(outcome.endedAt()).isEqualTo(tap("46.550"));
        assertThat(outcome.hangupCause()).hasValue(16);
        // the operator marked consent about 8 s into the call: the recording (MixMonitor on the operator's channel)
        // started at the operator's answer, so that is the offset's origin, and the call was still up then
        Instant consentMarked = tap("33.050");
        assertThat(Duration.between(outcome.operatorAnsweredAt().orElseThrow(), consentMarked))
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(outcome.endedAt()).isAfter(consentMarked);
    }

    private static Instant tap(String seconds) {
        return TAP_LOGIN.plus(Duration.ofNanos(Math.round(Double.parseDouble(seconds.trim()) * 1e9)));
    }
}
