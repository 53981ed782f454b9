package org.serveline.server.campaign;

import org.serveline.server.call.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryRulesTests {

    private final RetryRules rules = RetryRules.DEFAULT;

    @Test
    void busyIsRetriedSoonerThanNoAnswer() {
        assertThat(rules.retrySpacing(CallOutcome.BUSY)).hasValue(Duration.ofMinutes(5));
        assertThat(rules.retrySpacing(CallOutcome.NO_ANSWER)).hasValue(Duration.ofMinutes(30));
    }

    @Test
    void anInvalidNumberIsMarkedBadAndTheNextNumberTried() {
        assertThat(rules.after(CallOutcome.INVALID_NUMBER)).isEqualTo(new RetryRules.Next.NextNumber(true));
    }

    @ParameterizedTest
    @EnumSource(value = CallOutcome.class, names = {"CONSENTED", "REFUSED", "TRANSFERRED"})
    void aPartyWhoDecidedEndsThePhoneChannel(CallOutcome outcome) {
        assertThat(rules.after(outcome)).isEqualTo(new RetryRules.Next.Finish(outcome));
    }

    @ParameterizedTest
    @EnumSource(CallOutcome.class)
    void everyOutcomeHasARule(CallOutcome outcome) {
        assertThat(rules.after(outcome)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = CallOutcome.class, names = {"ANSWERING_MACHINE", "UNREACHABLE"})
    void aMachineOrAnUnreachablePhoneIsCalledAgainLikeNoAnswer(CallOutcome outcome) {
        assertThat(rules.after(outcome)).isEqualTo(new RetryRules.Next.RetrySameNumber(Duration.ofMinutes(30)));
        assertThat(outcome.reachedParty()).as("nobody heard the notice").isFalse();
    }

    @Test
    void aPbxFailureIsRetriedSoonAndSpendsNoAttempt() {
        assertThat(rules.after(CallOutcome.PBX_FAILURE)).isEqualTo(new RetryRules.Next.RetrySameNumber(Duration.ofMinutes(2)));
        assertThat(CallOutcome.PBX_FAILURE.spendsAnAttempt()).isFalse();
        assertThat(CallOutcome.HUNG_UP_EARLY.spendsAnAttempt()).isTrue();
        assertThat(CallOutcome.FAILED.spendsAnAttempt()).isTrue();
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> new RetryRules(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1), 1, 1))
                .hasMessageContaining("busy retry");
        assertThatThrownBy(() -> new RetryRules(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 0, 1))
                .hasMessageContaining("at least 1");
    }
}
