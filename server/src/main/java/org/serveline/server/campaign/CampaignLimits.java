package org.serveline.server.campaign;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/**
 * A campaign's limits, all checked when the campaign is created: how many calls at once and per second, when
 * parties may be called (in their own time zone), and how attempts are retried.
 */
public record CampaignLimits(int maxConcurrentCalls, double maxCallsPerSecond, Duration ringTimeout,
        LocalTime callingFrom, LocalTime callingUntil, boolean callOnWeekends, Set<LocalDate> holidays,
        Duration busyRetry, Duration noAnswerRetry, Duration failureRetry, int maxAttemptsPerNumberPerDay,
        int maxAttemptsPerTask) {

    public static CampaignLimits defaults() {
        RetryRules retry = RetryRules.DEFAULT;
        CallingHours hours = CallingHours.DEFAULT;
        return new CampaignLimits(200, 20, Duration.ofSeconds(30), hours.start(), hours.end(), hours.weekends(),
                hours.holidays(), retry.busyRetry(), retry.noAnswerRetry(), retry.failureRetry(),
                retry.maxAttemptsPerNumberPerDay(), retry.maxAttemptsPerTask());
    }

    public CampaignLimits {
        if (maxConcurrentCalls < 1) {
            throw new InvalidLimitException("maxConcurrentCalls", "at-least-one", "maxConcurrentCalls must be at least 1");
        }
        if (!(maxCallsPerSecond > 0)) {
            throw new InvalidLimitException("maxCallsPerSecond", "positive", "maxCallsPerSecond must be positive");
        }
        if (ringTimeout == null || ringTimeout.compareTo(Duration.ofSeconds(5)) < 0
                || ringTimeout.compareTo(Duration.ofMinutes(3)) > 0) {
            throw new InvalidLimitException("ringTimeout", "ring-timeout", "ringTimeout must be between 5 s and 3 min");
        }
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        new CallingHours(callingFrom, callingUntil, callOnWeekends, holidays);
        new RetryRules(busyRetry, noAnswerRetry, failureRetry, maxAttemptsPerNumberPerDay, maxAttemptsPerTask);
    }

    public CallingHours callingHours() {
        return new CallingHours(callingFrom, callingUntil, callOnWeekends, holidays);
    }

    public RetryRules retryRules() {
        return new RetryRules(busyRetry, noAnswerRetry, failureRetry, maxAttemptsPerNumberPerDay, maxAttemptsPerTask);
    }
}
