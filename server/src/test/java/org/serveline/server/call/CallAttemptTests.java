package org.serveline.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallAttemptTests {

    private static final Instant CREATED = Instant.parse("2026-11-30T04:13:46Z");
    private static final Instant OPERATOR = Instant.parse("2026-11-30T04:13:52.965Z");
    private static final Instant PARTY = Instant.parse("2026-11-30T04:13:53.968Z");
    private static final Instant ENDED = Instant.parse("2026-11-30T04:14:14.465Z");

    @Test
    void anOperatorCallCarriesBothAnswersTheEndAndTheCauseAsEvidence() {
        CallAttempt call = attempt(null, null, PARTY, ENDED, OPERATOR, 16);

        assertThat(call.evidence()).containsEntry("partyAnsweredAt", PARTY.toString())
                .containsEntry("answeredAt", PARTY.toString())
                .containsEntry("operatorAnsweredAt", OPERATOR.toString())
                .containsEntry("endedAt", ENDED.toString()).containsEntry("hangupCause", 16);
        assertThat(call.recordingStartedAt()).as("MixMonitor runs on the operator's channel").isEqualTo(OPERATOR);
    }

    @Test
    void aNoticeCallWithoutAnOperatorLeavesThoseKeysOut() {
        CallAttempt call = attempt(null, null, PARTY, null, null, null);

        assertThat(call.evidence()).containsKeys("attemptId", "recording", "number", "partyAnsweredAt")
                .doesNotContainKeys("operatorAnsweredAt", "endedAt", "hangupCause", "networkOutcome");
        assertThat(call.recordingStartedAt()).isEqualTo(PARTY);
    }

    @Test
    void anUnansweredCallHasNoRecording() {
        CallAttempt call = attempt(CallOutcome.BUSY, null, null, ENDED, null, 17);

        assertThat(call.recordingStartedAt()).isNull();
        assertThat(call.evidence()).containsEntry("networkOutcome", "BUSY").containsEntry("hangupCause", 17);
    }

    /** What the PBX dying under a call comes to, whatever the notice saw. */
    @ParameterizedTest(name = "notice {0} -> {1}")
    @CsvSource({"CONSENTED, CONSENTED", "REFUSED, REFUSED", "TRANSFERRED, TRANSFERRED", "NO_RESPONSE, NO_RESPONSE",
            "HUNG_UP_EARLY, PBX_FAILURE", "FAILED, PBX_FAILURE", ", PBX_FAILURE"})
    void aPbxFailureGivesWayOnlyToThePartysKeyedAnswer(String notice, CallOutcome expected) {
        assertThat(CallAttempt.decided(CallOutcome.PBX_FAILURE, notice)).isEqualTo(expected);
    }

    @Test
    void aMachineIsAMachineAndOtherwiseTheNoticeDecides() {
        assertThat(CallAttempt.decided(CallOutcome.ANSWERING_MACHINE, null)).isEqualTo(CallOutcome.ANSWERING_MACHINE);
        assertThat(CallAttempt.decided(CallOutcome.HUNG_UP_EARLY, "CONSENTED")).isEqualTo(CallOutcome.CONSENTED);
        assertThat(CallAttempt.decided(null, "REFUSED")).isEqualTo(CallOutcome.REFUSED);
    }

    @Test
    void anAnsweredCallWhoseEndThePbxNeverReportedIsAPbxFailureWhenReconciled() {
        assertThat(attempt(null, "HUNG_UP_EARLY", PARTY, null, null, null).lostOutcome())
                .as("the AGI saw the line drop when Asterisk died").isEqualTo(CallOutcome.PBX_FAILURE);
        assertThat(attempt(null, null, PARTY, null, null, null).lostOutcome()).isEqualTo(CallOutcome.PBX_FAILURE);
        assertThat(attempt(null, "CONSENTED", PARTY, null, null, null).lostOutcome()).isEqualTo(CallOutcome.CONSENTED);
    }

    @Test
    void callsThePbxReportedOverKeepTheirOutcomeWhenReconciled() {
        assertThat(attempt(null, null, PARTY, ENDED, null, 16).lostOutcome())
                .as("ended, but the notice never reported").isEqualTo(CallOutcome.NO_RESPONSE);
        assertThat(attempt(CallOutcome.BUSY, null, null, ENDED, null, 17).lostOutcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(attempt(null, null, null, null, null, null).lostOutcome())
                .as("never known to be dialled").isEqualTo(CallOutcome.FAILED);
    }

    private static CallAttempt attempt(CallOutcome network, String notice, Instant answered, Instant ended,
            Instant operatorAnswered, Integer cause) {
        return new CallAttempt("a-1", 7L, null, operatorAnswered == null ? null : "op1", "pbx1", "carrier1",
                "+8613800001001", "node-a", AttemptState.ANSWERED, network, null, null, notice, null,
                notice == null ? null : Duration.ofSeconds(8), CallAttempt.NoticeOffsets.NONE, null, null, CREATED,
                answered, ended, null,
                operatorAnswered, cause);
    }
}
