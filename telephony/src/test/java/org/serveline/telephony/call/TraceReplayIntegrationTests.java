package org.serveline.telephony.call;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.serveline.telephony.ami.AmiEvent;
import org.serveline.telephony.ami.AmiTrace;
import org.serveline.telephony.ami.FakeAmiServer;
import org.serveline.telephony.ami.OriginateAccepted;
import org.serveline.telephony.ami.OriginateRequest;
import org.serveline.telephony.ami.PbxLink;
import org.serveline.telephony.ami.ReplayScript;

/**
 * Each real Asterisk trace, byte for byte, through a real TCP socket into asterisk-java, our link and the tracker.
 * The traces predate SERVELINE_ATTEMPT_ID, so the attempt is tied by the OriginateResponse's ActionID and Uniqueid.
 */
@Timeout(30)
class TraceReplayIntegrationTests {

    @ParameterizedTest(name = "ami-{0} -> {3}")
    @CsvSource({
            "1001,         Local/1001@simulated-parties, dialplan,             ANSWERED",
            "1002,         Local/1002@simulated-parties, dialplan,             ANSWERED",
            "1003,         Local/1003@simulated-parties, dialplan,             NO_ANSWER",
            "1004,         Local/1004@simulated-parties, dialplan,             BUSY",
            "1005,         Local/1005@simulated-parties, dialplan,             CONGESTION",
            "1006,         Local/1006@simulated-parties, dialplan,             HUNG_UP_EARLY",
            "1007,         Local/1007@simulated-parties, dialplan,             ANSWERED",
            "1001-app-agi, Local/1001@simulated-parties, AGI,                  ANSWERED",
            "agent100-call, Local/100@agents,            Playback,             ANSWERED"})
    void replayedTraceSettlesTheRecordedOutcomeExactlyOnce(String scenario, String channel, String target,
                                                           OutcomeKind expected) throws Exception {
        AmiTrace trace = AmiTrace.load(scenario);
        List<AttemptOutcome> outcomes = new CopyOnWriteArrayList<>();
        List<AmiEvent> hangups = new CopyOnWriteArrayList<>();
        try (FakeAmiServer server = new FakeAmiServer(trace.banner(), new ReplayScript(trace));
             PbxLink link = PbxLink.asterisk(server.config("replay"), Clock.systemUTC());
             CallTracker tracker = new CallTracker(link, TrackerSettings.DEFAULTS, Clock.systemUTC())) {
            tracker.onOutcome(outcomes::add);
            link.subscribe(event -> {
                if (event instanceof AmiEvent.Hangup) {
                    hangups.add(event);
                }
            });
            link.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> link.health().isUp());

            OriginateRequest request = new OriginateRequest("A-" + scenario, "T-" + scenario.replace('-', '_'),
                    channel, target(target, scenario), "\"Serveline\" <5550000>", Duration.ofSeconds(30), Map.of());
            OriginateAccepted accepted = tracker.originate(request).get(5, SECONDS);

            assertThat(accepted.actionId()).isEqualTo(request.actionId());
            await().until(() -> hangups.size() == countEvents(trace, "Hangup"));
            await().until(() -> !outcomes.isEmpty());
            assertThat(outcomes).hasSize(1);
            AttemptOutcome outcome = outcomes.get(0);
            assertThat(outcome.kind()).as(outcome.evidence()).isEqualTo(expected);
            assertThat(outcome.attemptId()).isEqualTo(request.attemptId());
            assertThat(outcome.taskId()).isEqualTo(request.taskId());
            assertThat(outcome.pbxId()).isEqualTo("replay");
            boolean answered = expected == OutcomeKind.ANSWERED || expected == OutcomeKind.HUNG_UP_EARLY;
            assertThat(outcome.answeredAt().isPresent()).isEqualTo(answered);
            assertThat(tracker.openAttempts()).isZero();
            assertThat(originateSent(server)).containsEntry("Async", "true")
                    .containsEntry("Channel", channel)
                    .hasEntrySatisfying("Variable", variables -> assertThat(variables)
                            .contains("SERVELINE_ATTEMPT_ID=" + request.attemptId())
                            .contains("SERVELINE_TASK_ID=" + request.taskId()));
        }
    }

    private static OriginateRequest.Target target(String kind, String scenario) {
        return switch (kind) {
            case "dialplan" -> new OriginateRequest.Dialplan("outbound-notice", "s", 1);
            case "AGI" -> new OriginateRequest.Application("AGI", "agi://127.0.0.1:4573/notice?task=" + scenario);
            default -> new OriginateRequest.Application(kind, "hello-world&demo-congrats");
        };
    }

    private static long countEvents(AmiTrace trace, String name) {
        return trace.segmentsByActionId().values().stream().flatMap(List::stream)
                .filter(frame -> frame.startsWith("Event: " + name + "\r\n")).count();
    }

    private static Map<String, String> originateSent(FakeAmiServer server) {
        return server.actions().stream().filter(a -> "Originate".equals(a.get("Action"))).findFirst().orElseThrow();
    }
}
