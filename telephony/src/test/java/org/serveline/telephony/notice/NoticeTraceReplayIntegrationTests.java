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
}
