package org.serveline.telephony.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.telephony.notice.NoticeTestSupport.NOTICE_VERSION;
import static org.serveline.telephony.notice.NoticeTestSupport.ask;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.telephony.agi.AgiSessionEnd.Ending;
import org.serveline.telephony.agi.AgiTestClient;
import org.serveline.telephony.agi.AgiTraceReplay;
import org.serveline.telephony.notice.NoticeResult.ConsentCaptured;
import org.serveline.telephony.notice.NoticeResult.ConsentRefused;
import org.serveline.telephony.notice.NoticeResult.NoResponse;
import org.serveline.telephony.notice.NoticeResult.PartyHungUp;

/**
 * Replays the FastAGI traces recorded from a real Asterisk 22 through a real socket into the notice application.
 * The test clock moves as the call would: a played prompt by its end position (8000 samples a second), a silent
 * WAIT FOR DIGIT by its timeout, a key press by the 2.5 s the simulated party waited before pressing it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoticeTraceReplayIntegrationTests {

    private static final Duration NOTICE_PLAYED = Duration.ofNanos(11234L * 1_000_000_000L / 8000);
    private static final Duration PARTY_THINKS = Duration.ofMillis(2500);
    private static final Duration DIGIT_TIMEOUT = NoticeSettings.defaults().digitTimeout();

    private final NoticeTestSupport notice = new NoticeTestSupport(
            call -> NoticeTestSupport.questionOnly(), NoticeSettings.defaults());

    @AfterEach
    void stop() {
        notice.close();
    }

    private NoticeResult replay(String trace, List<String> expectedCommands) throws IOException {
        String attemptId = "att-" + trace;
        AgiTraceReplay asterisk = AgiTraceReplay.load(trace, Map.of("SERVELINE_ATTEMPT_ID", attemptId))
                .onReply(this::moveClock);
        try (AgiTestClient client = new AgiTestClient(notice.server.port())) {
            client.send(asterisk.environment());
            assertThat(client.serve(asterisk)).containsExactlyElementsOf(expectedCommands);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> notice.results.size() == 1);
        NoticeResult result = notice.results.getFirst();
        assertThat(result.attemptId()).isEqualTo(attemptId);
        assertThat(notice.calls.getFirst().taskId()).contains(trace.substring("agi-".length()));
        return result;
    }

    private void moveClock(String command, List<String> reply) {
        String last = reply.getLast();
        if (command.startsWith("STREAM FILE") && last.contains("endpos=")) {
            notice.clock.advance(Duration.ofNanos(
                    Long.parseLong(last.replaceAll(".*endpos=", "")) * 1_000_000_000L / 8000));
        } else if (command.startsWith("WAIT FOR DIGIT") && last.equals("200 result=0")) {
            notice.clock.advance(Duration.ofMillis(Long.parseLong(command.replaceAll("\\D", ""))));
        } else if (command.startsWith("WAIT FOR DIGIT") && last.startsWith("200 result=")) {
            notice.clock.advance(PARTY_THINKS);
        }
    }

    private static List<String> answered(String... rest) {
        List<String> commands = new ArrayList<>(List.of("GET VARIABLE \"SERVELINE_ATTEMPT_ID\"", "ANSWER",
                ask()));
        commands.addAll(List.of(rest));
        return commands;
    }

    private static String waitForDigit() {
        return "WAIT FOR DIGIT " + DIGIT_TIMEOUT.toMillis();
    }

    private static String resultVariable(String code) {
        return "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"" + code + "\"";
    }

    @Test
    void consentFromTrace1001() throws IOException {
        NoticeResult result = replay("agi-1001", answered(waitForDigit(), resultVariable("consent")));

        assertThat(result).isInstanceOfSatisfying(ConsentCaptured.class, consent -> {
            assertThat(consent.digit()).isEqualTo('1');
            assertThat(consent.script()).isEqualTo(NOTICE_VERSION);
            assertThat(consent.offset()).isEqualTo(NOTICE_PLAYED.plus(PARTY_THINKS));
            assertThat(consent.uniqueId()).isEqualTo("1795737031.27");
            assertThat(consent.mobileNumber()).isEmpty();
            assertThat(consent.played()).containsExactly(new PlayedSegment("question", Duration.ZERO, NOTICE_PLAYED
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Optional.empty()));
        });
        await().until(() -> notice.sessions.ends().size() == 1);
        assertThat(notice.sessions.ends().getFirst().ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void consentFromTrace1001WithApplicationAgi() throws IOException {
        NoticeResult result = replay("agi-1001-app-agi", answered(waitForDigit(), resultVariable("consent")));

        assertThat(result).isInstanceOfSatisfying(ConsentCaptured.class, consent -> {
            assertThat(consent.digit()).isEqualTo('1');
            assertThat(consent.uniqueId()).isEqualTo("1795737114.41");
        });
    }

    @Test
    void refusalFromTrace1002() throws IOException {
        NoticeResult result = replay("agi-1002", answered(waitForDigit(), resultVariable("refused")));

        assertThat(result).isInstanceOfSatisfying(ConsentRefused.class, refused -> {
            assertThat(refused.digit()).isEqualTo('2');
            assertThat(refused.script()).isEqualTo(NOTICE_VERSION);
            assertThat(refused.offset()).isEqualTo(NOTICE_PLAYED.plus(PARTY_THINKS));
        });
    }

    @Test
    void hangUpFromTrace1006() throws IOException {
        NoticeResult result = replay("agi-1006", answered("CHANNEL STATUS", resultVariable("hangup")));

        assertThat(result).isInstanceOfSatisfying(PartyHungUp.class, hungUp -> {
            assertThat(hungUp.script()).isEqualTo(NOTICE_VERSION);
            assertThat(hungUp.offset()).isEqualTo(Duration.ofMillis(20));
        });
        await().until(() -> notice.sessions.ends().size() == 1);
        assertThat(notice.sessions.ends().getFirst().ending()).isEqualTo(Ending.HUNG_UP);
    }

    @Test
    void noResponseFromTrace1007OnceEveryRoundIsSilent() throws IOException {
        NoticeResult result = replay("agi-1007", answered(waitForDigit(), ask(), waitForDigit(),
                ask(), waitForDigit(), resultVariable("noresponse")));

        assertThat(result).isInstanceOfSatisfying(NoResponse.class, silent -> {
            assertThat(silent.rounds()).isEqualTo(3);
            assertThat(silent.wrongKeys()).isEmpty();
            assertThat(silent.offset()).isEqualTo(NOTICE_PLAYED.plus(DIGIT_TIMEOUT).multipliedBy(3));
        });
    }

    /**
     * The real campaign trace ({@code serveline-notice-calls.txt}): the party of 1001 keyed 1 four seconds into the
     * notice's first STREAM FILE and was stored as consenting; then it keyed nothing more and hung up 20.5 s after
     * the notice began. Its key's time, digit and hang-up are read from the trace and played against the segmented
     * notice: the key only skips the greeting to the question, and the party's silence and hang-up are no consent.
     */
    @Test
    void theEarlyKeyOfTheRealCampaignTraceIsNoConsent() throws IOException {
        TraceCall party = TraceCall.read(AgiTraceReplay.fixtures().resolve("serveline-notice-calls.txt"),
                "lab-parties-0000001f;1");
        assertThat(party.keyAfter()).as("the key, from the notice's start").isBetween(Duration.ofMillis(3900),
                Duration.ofMillis(4100));
        long keyedAt = party.keyAfter().toMillis() * 8;
        long heardOfTheSecondQuestion = party.hangupAfter().minus(party.keyAfter()).minusSeconds(7 + 8).toMillis() * 8;
        assertThat(heardOfTheSecondQuestion).as("the hang-up falls in the second question").isBetween(0L, 56_000L);
        ScriptedAsterisk asterisk = new ScriptedAsterisk()
                .on(NoticeTestSupport.play(NoticeTestSupport.GREETING), "200 result=" + (int) party.digit()
                        + " endpos=" + keyedAt)
                .on(ask(), "200 result=0 endpos=56000")
                .on(ask(), "HANGUP", "200 result=-1 endpos=" + heardOfTheSecondQuestion);

        try (NoticeTestSupport segmented = new NoticeTestSupport(call -> NoticeTestSupport.script(Optional.empty()),
                NoticeSettings.defaults()); AgiTestClient client = new AgiTestClient(segmented.server.port())) {
            client.send(AgiTestClient.environment("notice?attempt=att-1001&task=1"));
            client.serve(command -> {
                List<String> reply = asterisk.apply(command);
                String last = reply.getLast();
                if (last.contains("endpos=")) {
                    segmented.clock.advance(Duration.ofMillis(Long.parseLong(last.replaceAll(".*endpos=", "")) / 8));
                } else if (command.startsWith("WAIT FOR DIGIT") && last.equals("200 result=0")) {
                    segmented.clock.advance(DIGIT_TIMEOUT);
                }
                return reply;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> segmented.results.size() == 1);

            assertThat(segmented.results.getFirst()).isInstanceOfSatisfying(PartyHungUp.class, hungUp -> {
                assertThat(hungUp.played()).extracting(PlayedSegment::toString).containsExactly(
                        "greeting@0.000s+" + seconds(party.keyAfter()) + "!1",
                        "question@" + seconds(party.keyAfter()) + "+7.000s",
                        "question@" + seconds(party.keyAfter().plusSeconds(15)) + "+"
                                + seconds(Duration.ofMillis(heardOfTheSecondQuestion / 8)));
                assertThat(hungUp.offset()).isEqualTo(party.hangupAfter().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            });
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%d.%03ds", d.toSeconds(), d.toMillisPart());
    }

    /** One channel of an AMI trace: when its first STREAM FILE started, the first key in it, and its hang-up. */
    private record TraceCall(Duration keyAfter, char digit, Duration hangupAfter) {

        static TraceCall read(java.nio.file.Path trace, String channelSuffix) throws IOException {
            double t = 0;
            double notice = -1;
            double key = -1;
            double hangup = -1;
            char digit = 0;
            String event = "";
            String channel = "";
            for (String line : java.nio.file.Files.readAllLines(trace)) {
                if (line.startsWith("# t=")) {
                    t = Double.parseDouble(line.substring(4));
                } else if (line.startsWith("Event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("Channel: ")) {
                    channel = line.substring(9);
                } else if (channel.endsWith(channelSuffix)) {
                    if (notice < 0 && event.equals("AGIExecStart") && line.startsWith("Command: STREAM FILE")) {
                        notice = t;
                    } else if (key < 0 && event.equals("DTMFBegin") && line.startsWith("Digit: ")) {
                        key = t;
                        digit = line.charAt(7);
                    }
                }
                String pair = channelSuffix.substring(0, channelSuffix.length() - 2);
                if (hangup < 0 && event.equals("Hangup") && channel.contains(pair) && line.startsWith("Cause: ")) {
                    hangup = t;
                }
            }
            assertThat(notice).as("the notice in the trace").isPositive();
            assertThat(key).as("the key in the trace").isGreaterThan(notice);
            return new TraceCall(Duration.ofMillis(Math.round((key - notice) * 1000)), digit,
                    Duration.ofMillis(Math.round((hangup - notice) * 1000)));
        }
    }
}
