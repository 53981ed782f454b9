package org.serveline.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.telephony.call.OutcomeKind.ANSWERED;
import static org.serveline.telephony.call.OutcomeKind.BUSY;
import static org.serveline.telephony.call.OutcomeKind.CONGESTION;
import static org.serveline.telephony.call.OutcomeKind.FAILED;
import static org.serveline.telephony.call.OutcomeKind.HUNG_UP_EARLY;
import static org.serveline.telephony.call.OutcomeKind.INVALID_NUMBER;
import static org.serveline.telephony.call.OutcomeKind.NO_ANSWER;
import static org.serveline.telephony.call.OutcomeKind.REJECTED;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeTableTests {

    @ParameterizedTest
    @CsvSource({"1, REJECTED", "3, NO_ANSWER", "4, ANSWERED", "5, BUSY", "8, CONGESTION"})
    void originateReasonsWithAVerdict(int reason, OutcomeKind kind) {
        assertThat(OutcomeTable.forOriginateReason(reason)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 7, -1})
    void originateReasonsWithoutAVerdict(int reason) {
        assertThat(OutcomeTable.forOriginateReason(reason)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ANSWER, ANSWERED", "BUSY, BUSY", "NOANSWER, NO_ANSWER", "CANCEL, NO_ANSWER",
            "CONGESTION, CONGESTION", "busy, BUSY"})
    void dialStatusesWithAVerdict(String status, OutcomeKind kind) {
        assertThat(OutcomeTable.forDialStatus(status)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHANUNAVAIL", "", "RINGING"})
    void dialStatusesWithoutAVerdict(String status) {
        assertThat(OutcomeTable.forDialStatus(status)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, INVALID_NUMBER", "3, INVALID_NUMBER", "22, INVALID_NUMBER", "28, INVALID_NUMBER", "17, BUSY",
            "18, NO_ANSWER", "19, NO_ANSWER", "20, NO_ANSWER", "21, REJECTED", "27, FAILED", "34, CONGESTION",
            "38, CONGESTION", "41, CONGESTION", "42, CONGESTION", "44, CONGESTION"})
    void hangupCausesWithAVerdict(int cause, OutcomeKind kind) {
        assertThat(OutcomeTable.forHangupCause(cause)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, -1})
    void normalHangupCausesCarryNoVerdict(int cause) {
        assertThat(OutcomeTable.forHangupCause(cause)).isEmpty();
    }

    @Test
    void theRecordedFailuresOfTheRealTraces() {
        assertThat(OutcomeTable.unanswered(3, "", List.of(19, 19))).isEqualTo(NO_ANSWER);   // ami-1003
        assertThat(OutcomeTable.unanswered(5, "BUSY", List.of(17, 0))).isEqualTo(BUSY);      // ami-1004
        assertThat(OutcomeTable.unanswered(8, "CONGESTION", List.of(34, 0))).isEqualTo(CONGESTION); // ami-1005
    }

    @Test
    void aSpecificCauseBeatsTheCoarseReason() {
        assertThat(OutcomeTable.unanswered(8, "CHANUNAVAIL", List.of(1))).isEqualTo(INVALID_NUMBER);
        assertThat(OutcomeTable.unanswered(5, "", List.of(21))).isEqualTo(REJECTED);
        assertThat(OutcomeTable.unanswered(1, "", List.of(16, 28))).isEqualTo(INVALID_NUMBER);
    }

    @Test
    void withoutASpecificCauseTheDialStatusThenTheReasonDecide() {
        assertThat(OutcomeTable.unanswered(0, "BUSY", List.of(16, 0))).isEqualTo(BUSY);
        assertThat(OutcomeTable.unanswered(8, "CHANUNAVAIL", List.of())).isEqualTo(CONGESTION);
        assertThat(OutcomeTable.unanswered(1, "", List.of(16))).isEqualTo(REJECTED);
        assertThat(OutcomeTable.unanswered(0, "CHANUNAVAIL", List.of(0))).isEqualTo(FAILED);
        assertThat(OutcomeTable.unanswered(0, "", List.of())).isEqualTo(FAILED);
    }

    @Test
    void aFailedOriginateIsNeverAnswered() {
        assertThat(OutcomeTable.unanswered(4, "ANSWER", List.of())).isEqualTo(FAILED);
    }

    @Test
    void answeredCallsAreEarlyHangupsOnlyWhenThePartyEndedThemWithinTheWindow() {
        Duration window = Duration.ofSeconds(5);
        assertThat(OutcomeTable.answered(true, Duration.ofSeconds(2), window)).isEqualTo(HUNG_UP_EARLY);
        assertThat(OutcomeTable.answered(true, window, window)).isEqualTo(HUNG_UP_EARLY);
        assertThat(OutcomeTable.answered(true, Duration.ofSeconds(6), window)).isEqualTo(ANSWERED);
        assertThat(OutcomeTable.answered(false, Duration.ofMillis(10), window)).isEqualTo(ANSWERED);
    }
}
