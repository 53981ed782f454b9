package org.serveline.telephony.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serveline.telephony.notice.NoticeTestSupport.MOBILE_CONFIRM;
import static org.serveline.telephony.notice.NoticeTestSupport.MOBILE_REQUEST;
import static org.serveline.telephony.notice.NoticeTestSupport.CASE;
import static org.serveline.telephony.notice.NoticeTestSupport.GREETING;
import static org.serveline.telephony.notice.NoticeTestSupport.ask;
import static org.serveline.telephony.notice.NoticeTestSupport.play;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.serveline.telephony.agi.AgiSessionEnd.Ending;
import org.serveline.telephony.agi.AgiTestClient;
import org.serveline.telephony.notice.NoticeResult.ConsentCaptured;
import org.serveline.telephony.notice.NoticeResult.NoResponse;
import org.serveline.telephony.notice.NoticeResult.NoticeFailed;
import org.serveline.telephony.notice.NoticeResult.PartyHungUp;
import org.serveline.telephony.notice.NoticeResult.TransferRequested;

/** The notice application's branches, driven through a real socket by a scripted Asterisk. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoticeApplicationIntegrationTests {

    private static final String CALL = "notice?attempt=A-1&task=T-1";
    private static final String HANGUP_THEN_511 = "511 Command Not Permitted on a dead channel or intercept routine";

    private List<String> call(NoticeTestSupport notice, ScriptedAsterisk asterisk, String networkScript)
            throws IOException {
        try (AgiTestClient client = new AgiTestClient(notice.server.port())) {
            client.send(AgiTestClient.environment(networkScript));
            return client.serve(asterisk);
        }
    }

    private NoticeResult onlyResult(NoticeTestSupport notice) {
        await().atMost(Duration.ofSeconds(5)).until(() -> notice.sessions.ends().size() == 1);
        assertThat(notice.results).hasSize(1);
        return notice.results.getFirst();
    }

    private static NoticeTestSupport noticeWith(Optional<NoticeScript.MobileStep> mobile) {
        return new NoticeTestSupport(call -> NoticeTestSupport.script(mobile), NoticeSettings.defaults());
    }

    @Test
    void asksAgainAfterAWrongKeyAndTakesTheConsent() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=53")
                    .on("WAIT FOR DIGIT", "200 result=49");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsExactly("ANSWER", play(GREETING), play(CASE), ask(), "WAIT FOR DIGIT 8000",
                    ask(), "WAIT FOR DIGIT 8000", "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"consent\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(ConsentCaptured.class, consent -> {
                assertThat(consent.played()).extracting(PlayedSegment::segment)
                        .containsExactly("greeting", "case", "question", "question");
                assertThat(consent.played()).allSatisfy(played -> {
                    assertThat(played.played()).isEqualTo(Duration.ofSeconds(1)); // endpos=8000
                    assertThat(played.key()).isEmpty();
                });
                assertThat(consent.questionStartedAt()).isPresent();
            });
            assertThat(notice.calls.getFirst()).isEqualTo(new NoticeCall("A-1", Optional.of("T-1"), "1795737031.27"));
        }
    }

    /** As in the real trace: the party keys 1 four seconds into the greeting, before the case or the question. */
    @Test
    void aKeyDuringTheGreetingOnlySkipsToTheQuestionWhereTheConsentCounts() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on(play(GREETING), "200 result=49 endpos=32000")
                    .on("WAIT FOR DIGIT", "200 result=49");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsExactly("ANSWER", play(GREETING), ask(), "WAIT FOR DIGIT 8000",
                    "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"consent\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(ConsentCaptured.class, consent -> {
                assertThat(consent.played()).hasSize(2);
                PlayedSegment greeting = consent.played().getFirst();
                assertThat(greeting.segment()).isEqualTo("greeting");
                assertThat(greeting.played()).isEqualTo(Duration.ofSeconds(4));
                assertThat(greeting.key()).contains('1');
                assertThat(consent.played().get(1).segment()).isEqualTo("question");
                assertThat(consent.played().get(1).key()).isEmpty();
                assertThat(consent.questionStartedAt()).isPresent();
                assertThat(consent.offset()).isGreaterThanOrEqualTo(consent.questionStartedAt().get());
            });
        }
    }

    @Test
    void aKeyDuringTheGreetingIsNoConsentWhenThePartyThenHangsUp() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on(play(GREETING), "200 result=49 endpos=32000")
                    .on(ask(), "HANGUP", HANGUP_THEN_511).on("SET VARIABLE", HANGUP_THEN_511);

            call(notice, asterisk, CALL);

            assertThat(onlyResult(notice)).isInstanceOfSatisfying(PartyHungUp.class, hungUp -> {
                assertThat(hungUp.played()).extracting(PlayedSegment::segment).containsExactly("greeting", "question");
                assertThat(hungUp.played().getFirst().key()).contains('1');
            });
        }
    }

    @Test
    void aKeyDuringTheGreetingIsNoConsentWhenTheQuestionIsNeverAnswered() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on(play(GREETING), "200 result=50 endpos=16000");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).doesNotContain(play(CASE)).endsWith("SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"noresponse\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoResponse.class, none -> {
                assertThat(none.rounds()).isEqualTo(3);
                assertThat(none.played()).extracting(PlayedSegment::toString).first().isEqualTo("greeting@0.000s+2.000s!2");
            });
        }
    }

    @Test
    void nineAtTheQuestionPlaysTheNoticeAgainWithoutSpendingARound() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=57")
                    .on("WAIT FOR DIGIT", "200 result=50");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsExactly("ANSWER", play(GREETING), play(CASE), ask(), "WAIT FOR DIGIT 8000",
                    play(GREETING), play(CASE), ask(), "WAIT FOR DIGIT 8000",
                    "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"refused\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoticeResult.ConsentRefused.class,
                    refused -> assertThat(refused.played()).hasSize(6));
        }
    }

    @Test
    void nineDuringTheNoticeStartsItAgainAndNineBeyondTheReplaysIsAWrongKey() throws IOException {
        NoticeSettings oneReplay = new NoticeSettings(2, Duration.ofSeconds(8), Duration.ofSeconds(5), 2,
                java.util.regex.Pattern.compile("1\\d{10}"), 1);
        try (NoticeTestSupport notice = new NoticeTestSupport(call -> NoticeTestSupport.script(Optional.empty()),
                oneReplay)) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on(play(CASE), "200 result=57 endpos=800")
                    .on("WAIT FOR DIGIT", "200 result=57");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsExactly("ANSWER", play(GREETING), play(CASE), play(GREETING), play(CASE),
                    ask(), "WAIT FOR DIGIT 8000", ask(), "WAIT FOR DIGIT 8000",
                    "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"noresponse\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoResponse.class,
                    none -> assertThat(none.wrongKeys()).isEqualTo("9"));
        }
    }

    @Test
    void takesAnOperatorRequestPressedDuringTheNotice() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("STREAM FILE", "200 result=48 endpos=4000");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).doesNotContain("WAIT FOR DIGIT 8000")
                    .endsWith("SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"transfer\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(TransferRequested.class,
                    transfer -> assertThat(transfer.digit()).isEqualTo('0'));
        }
    }

    @Test
    void givesUpAfterOnlyWrongKeysAndSaysWhichWerePressed() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=53")
                    .on("WAIT FOR DIGIT", "200 result=55").on("WAIT FOR DIGIT", "200 result=35");

            call(notice, asterisk, CALL);

            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoResponse.class, none -> {
                assertThat(none.rounds()).isEqualTo(3);
                assertThat(none.wrongKeys()).isEqualTo("57#");
            });
        }
    }

    @Test
    void collectsAndConfirmsAMobileNumberAfterConsent() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.of(NoticeTestSupport.mobileStep(Optional.empty())))) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=49")
                    .on("GET DATA", "200 result=12345 (timeout)").on("GET DATA", "200 result=13800138000")
                    .on(play(MOBILE_CONFIRM, "12"), "200 result=49 endpos=100");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsSubsequence(
                    "GET DATA \"" + MOBILE_REQUEST.playbackName() + "\" 5000 20",
                    "GET DATA \"" + MOBILE_REQUEST.playbackName() + "\" 5000 20",
                    "SAY DIGITS \"13800138000\" \"\"", play(MOBILE_CONFIRM, "12"));
            assertThat(commands).doesNotContain("SAY DIGITS \"12345\" \"\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(ConsentCaptured.class,
                    consent -> assertThat(consent.mobileNumber()).contains("13800138000"));
        }
    }

    @Test
    void readsBackTheNumberOnFileAndKeepsItWhenConfirmed() throws IOException {
        try (NoticeTestSupport notice = noticeWith(
                Optional.of(NoticeTestSupport.mobileStep(Optional.of("13900000000"))))) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=49")
                    .on("WAIT FOR DIGIT", "200 result=49");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).contains("SAY DIGITS \"13900000000\" \"\"").noneMatch(c -> c.startsWith("GET DATA"));
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(ConsentCaptured.class,
                    consent -> assertThat(consent.mobileNumber()).contains("13900000000"));
        }
    }

    @Test
    void keepsTheConsentWhenThePartyHangsUpDuringTheMobileNumber() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.of(NoticeTestSupport.mobileStep(Optional.empty())))) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("WAIT FOR DIGIT", "200 result=49")
                    .on("GET DATA", "HANGUP", HANGUP_THEN_511).on("SET VARIABLE", HANGUP_THEN_511);

            call(notice, asterisk, CALL);

            assertThat(onlyResult(notice)).isInstanceOfSatisfying(ConsentCaptured.class,
                    consent -> assertThat(consent.mobileNumber()).isEmpty());
            assertThat(notice.sessions.ends().getFirst().ending()).isEqualTo(Ending.HUNG_UP);
        }
    }

    @Test
    void playsNothingWithoutAnAttemptId() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            List<String> commands = call(notice, new ScriptedAsterisk(), "notice?task=T-1");

            assertThat(commands).containsExactly("GET VARIABLE \"SERVELINE_ATTEMPT_ID\"",
                    "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"failed\"");
            await().until(() -> notice.sessions.ends().size() == 1);
            assertThat(notice.results).isEmpty();
        }
    }

    @Test
    void reportsAFailureWhenTheScriptCannotBeFound() throws IOException {
        try (NoticeTestSupport notice = new NoticeTestSupport(call -> {
            throw new IllegalStateException("unknown attempt " + call.attemptId());
        }, NoticeSettings.defaults())) {
            List<String> commands = call(notice, new ScriptedAsterisk(), CALL);

            assertThat(commands).containsExactly("SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"failed\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoticeFailed.class, failed -> {
                assertThat(failed.reason()).contains("unknown attempt A-1");
                assertThat(failed.script()).isEmpty();
            });
        }
    }

    @Test
    void reportsAFailureWhenAsteriskCannotPlayTheNoticeOnALiveChannel() throws IOException {
        try (NoticeTestSupport notice = noticeWith(Optional.empty())) {
            ScriptedAsterisk asterisk = new ScriptedAsterisk().on("STREAM FILE", "200 result=-1 endpos=0");

            List<String> commands = call(notice, asterisk, CALL);

            assertThat(commands).containsSubsequence(play(GREETING), "CHANNEL STATUS",
                    "SET VARIABLE \"SERVELINE_NOTICE_RESULT\" \"failed\"");
            assertThat(onlyResult(notice)).isInstanceOfSatisfying(NoticeFailed.class, failed -> {
                assertThat(failed.reason()).contains(GREETING.prompt().playbackName());
                assertThat(failed.script()).contains(NoticeTestSupport.NOTICE_VERSION);
            });
        }
    }
}
