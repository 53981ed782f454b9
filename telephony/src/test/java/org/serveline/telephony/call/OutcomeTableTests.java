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

    /** One row per Q.850 cause of {@link OutcomeTable#HANGUP_CAUSES}; the next test checks none is left out. */
    @ParameterizedTest(name = "cause {0} ({2}) -> {1}")
    @CsvSource({
            "1, INVALID_NUMBER, unallocated number",
            "2, INVALID_NUMBER, no route to transit network",
            "3, INVALID_NUMBER, no route to destination",
            "5, INVALID_NUMBER, misdialled trunk prefix",
            "6, CONGESTION, channel unacceptable",
            "8, CONGESTION, pre-empted",
            "14, INVALID_NUMBER, number ported not here",
            "17, BUSY, user busy",
            "18, NO_ANSWER, no user responding",
            "19, NO_ANSWER, user alerting no answer",
            "20, UNREACHABLE, subscriber absent",
            "21, REJECTED, call rejected",
            "22, INVALID_NUMBER, number changed",
            "27, UNREACHABLE, destination out of order",
            "28, INVALID_NUMBER, invalid number format",
            "29, FAILED, facility rejected",
            "34, CONGESTION, no circuit available",
            "38, CONGESTION, network out of order",
            "41, CONGESTION, temporary failure",
            "42, CONGESTION, switching equipment congestion",
            "43, CONGESTION, access information discarded",
            "44, CONGESTION, requested channel not available",
            "47, CONGESTION, resource unavailable",
            "50, FAILED, facility not subscribed",
            "52, FAILED, outgoing calls barred",
            "54, REJECTED, incoming calls barred",
            "57, FAILED, bearer capability not authorized",
            "58, FAILED, bearer capability not available",
            "65, FAILED, bearer capability not implemented",
            "66, FAILED, channel type not implemented",
            "69, FAILED, facility not implemented",
            "81, FAILED, invalid call reference",
            "88, FAILED, incompatible destination",
            "95, FAILED, invalid message",
            "96, FAILED, mandatory information element missing",
            "97, FAILED, message type non-existent",
            "98, FAILED, message not compatible with call state",
            "99, FAILED, information element non-existent",
            "100, FAILED, invalid information element contents",
            "102, NO_ANSWER, recovery on timer expiry",
            "111, FAILED, protocol error",
            "127, FAILED, interworking"})
    void hangupCausesWithAVerdict(int cause, OutcomeKind kind, String meaning) {
        assertThat(OutcomeTable.forHangupCause(cause)).as(meaning).contains(kind);
        assertThat(OutcomeTable.unanswered(0, "", List.of(cause))).as("alone it decides").isEqualTo(kind);
    }

    @org.junit.jupiter.api.Test
    void everyRowOfTheCauseTableHasItsTest() throws Exception {
        java.lang.reflect.Method test = getClass().getDeclaredMethod("hangupCausesWithAVerdict", int.class,
                OutcomeKind.class, String.class);
        java.util.Set<Integer> tested = java.util.Arrays.stream(test.getAnnotation(CsvSource.class).value())
                .map(row -> Integer.parseInt(row.split(",")[0].trim())).collect(java.util.stream.Collectors.toSet());

        assertThat(tested).isEqualTo(OutcomeTable.HANGUP_CAUSES.keySet());
    }

    @ParameterizedTest
    @CsvSource({"MACHINE, ANSWERING_MACHINE", "machine, ANSWERING_MACHINE"})
    void amdStatusesWithAVerdict(String status, OutcomeKind kind) {
        assertThat(OutcomeTable.forAmdStatus(status)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUMAN", "NOTSURE", "HANGUP", ""})
    void amdStatusesWithoutAVerdict(String status) {
        assertThat(OutcomeTable.forAmdStatus(status)).isEmpty();
        assertThat(OutcomeTable.answered(false, Duration.ofSeconds(30), Duration.ofSeconds(5), status))
                .isEqualTo(ANSWERED);
    }

    @org.junit.jupiter.api.Test
    void aMachineIsAnAnsweringMachineEvenWhenItHungUpEarly() {
        assertThat(OutcomeTable.answered(true, Duration.ofSeconds(1), Duration.ofSeconds(5), "MACHINE"))
                .isEqualTo(OutcomeKind.ANSWERING_MACHINE);
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
