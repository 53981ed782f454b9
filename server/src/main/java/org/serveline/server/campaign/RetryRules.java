package org.serveline.server.campaign;

import java.time.Duration;
import java.util.Optional;
import org.serveline.server.call.CallOutcome;

/**
 * What the dialer does after each outcome: try the same number again after a pause, move to the party's next
 * number, or stop dialling this party by phone. One table, so the rules can be read in one place.
 */
public record RetryRules(Duration busyRetry, Duration noAnswerRetry, Duration failureRetry, int maxAttemptsPerNumberPerDay,
        int maxAttemptsPerTask) {

    /** The decision for one outcome. */
    public sealed interface Next {
        /** Dial the same number again, no earlier than after the pause. */
        record RetrySameNumber(Duration after) implements Next {
        }

        /** This number is done (bad, or refused); go on with the next one, if any. */
        record NextNumber(boolean markBad) implements Next {
        }

        /** The phone channel is finished for this task, with the result it leaves. */
        record Finish(CallOutcome result) implements Next {
        }
    }

    public RetryRules {
        requirePositive(busyRetry, "busy retry", "busyRetry");
        requirePositive(noAnswerRetry, "no-answer retry", "noAnswerRetry");
        requirePositive(failureRetry, "failure retry", "failureRetry");
        if (maxAttemptsPerNumberPerDay < 1) {
            throw new InvalidLimitException("maxAttemptsPerNumberPerDay", "at-least-one",
                    "maxAttemptsPerNumberPerDay must be at least 1");
        }
        if (maxAttemptsPerTask < 1) {
            throw new InvalidLimitException("maxAttemptsPerTask", "at-least-one", "maxAttemptsPerTask must be at least 1");
        }
    }

    public static final RetryRules DEFAULT = new RetryRules(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(2), 3, 9);

    /** The rule table: every outcome has exactly one row (the compiler checks the switch is exhaustive). */
    public Next after(CallOutcome outcome) {
        return switch (outcome) {
            case CONSENTED, REFUSED, TRANSFERRED -> new Next.Finish(outcome);
            case NO_RESPONSE, HUNG_UP_EARLY, NO_ANSWER, REJECTED, UNREACHABLE, ANSWERING_MACHINE ->
                    new Next.RetrySameNumber(noAnswerRetry);
            case BUSY -> new Next.RetrySameNumber(busyRetry);
            // a PBX failure is retried like a failure, and the attempt is not counted (CallOutcome.spendsAnAttempt)
            case CONGESTION, FAILED, PBX_FAILURE -> new Next.RetrySameNumber(failureRetry);
            case INVALID_NUMBER -> new Next.NextNumber(true);
        };
    }

    private static void requirePositive(Duration d, String what, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidLimitException(field, "positive-duration", what + " must be a positive duration");
        }
    }

    public Optional<Duration> retrySpacing(CallOutcome outcome) {
        return after(outcome) instanceof Next.RetrySameNumber retry ? Optional.of(retry.after()) : Optional.empty();
    }
}
