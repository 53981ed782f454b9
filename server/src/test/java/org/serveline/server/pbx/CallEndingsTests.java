package org.serveline.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.serveline.server.call.CallEnded;
import org.serveline.server.call.CallOutcome;
import org.serveline.telephony.call.AttemptOutcome;
import org.serveline.telephony.call.OutcomeKind;
import org.serveline.telephony.dialplan.DialplanContract;

class CallEndingsTests {

    private static final Instant OPERATOR = Instant.parse("2026-11-30T04:13:52.965Z");
    private static final Instant PARTY = Instant.parse("2026-11-30T04:13:53.968Z");
    private static final Instant ENDED = Instant.parse("2026-11-30T04:14:14.465Z");

    @ParameterizedTest
    @EnumSource(OutcomeKind.class)
    void everyTrackerVerdictKeepsTheEndTheAnswersAndTheCause(OutcomeKind kind) {
        AttemptOutcome outcome = new AttemptOutcome("pbx1", "a-1", "7", kind, Optional.of(PARTY), Optional.of(OPERATOR),
                ENDED, OptionalInt.of(16), ENDED.plusMillis(3), Optional.of("1796012153.88"), "evidence");

        CallEnded ended = CallEndings.callEnded(outcome);

        assertThat(ended.outcome()).isEqualTo(kind == OutcomeKind.ANSWERED ? null : CallOutcome.valueOf(kind.name()));
        assertThat(ended.endedAt()).as("the last hang-up, not when the tracker decided").isEqualTo(ENDED);
        assertThat(ended.answeredAt()).isEqualTo(PARTY);
        assertThat(ended.operatorAnsweredAt()).isEqualTo(OPERATOR);
        assertThat(ended.hangupCause()).isEqualTo(16);
    }

    @ParameterizedTest
    @EnumSource(OutcomeKind.class)
    void anUnknownCauseStaysUnknown(OutcomeKind kind) {
        AttemptOutcome outcome = new AttemptOutcome("pbx1", "a-1", "7", kind, Optional.empty(), Optional.empty(),
                ENDED, OptionalInt.empty(), ENDED, Optional.empty(), "evidence");

        assertThat(CallEndings.callEnded(outcome).hangupCause()).isNull();
        assertThat(CallEndings.callEnded(outcome).operatorAnsweredAt()).isNull();
    }

    @org.junit.jupiter.api.Test
    void noticeCallsTellTheDialplanWhetherToRunAmd() {
        assertThat(new NoticeCalls(null, new AnsweringMachineProperties(null)).variables("agi://10.0.0.5:4573"))
                .as("on by default").containsEntry(DialplanContract.AMD_VARIABLE, DialplanContract.AMD_ON)
                .containsEntry(DialplanContract.AGI_URL_VARIABLE, "agi://10.0.0.5:4573");
        assertThat(new NoticeCalls(null, new AnsweringMachineProperties(false)).variables("agi://10.0.0.5:4573"))
                .containsEntry(DialplanContract.AMD_VARIABLE, DialplanContract.AMD_OFF);
    }
}
