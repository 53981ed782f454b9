package org.serveline.server.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlineRulesTests {

    private final DeadlineProperties properties = new DeadlineProperties(null,
            Map.of("SLOW", new DeadlineProperties.Periods(Period.ofDays(30), null, null, Period.ofDays(20))),
            List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)), null);
    private final DeadlineRules rules = new DeadlineRules(properties.holidays());

    @Test
    void aPeriodCountsFromTheDayAfterServiceAndAWeekendEndMovesToMonday() {
        // served Friday 2026-11-06: day 15 is Saturday 2026-11-21 → Monday 2026-11-23
        List<DeadlineRules.Deadline> deadlines = rules.deadlinesFrom(LocalDate.of(2026, 11, 6), properties.of("ANY"));
        assertThat(deadlines).extracting(DeadlineRules.Deadline::kind).containsExactly("ANSWER", "EVIDENCE", "APPEAL");
        assertThat(deadlines.get(0).lastDay()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(deadlines.get(0).label()).isEqualTo("答辩期届满");
        // served Monday 2026-11-09: day 15 is Tuesday 2026-11-24, a working day
        assertThat(rules.deadlinesFrom(LocalDate.of(2026, 11, 9), properties.of("ANY")).get(0).lastDay())
                .isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void aPeriodEndingOnAHolidayEndsOnTheNextWorkingDay() {
        // served 2026-09-16: day 15 is Thursday 2026-10-01 (holiday), 10-02 holiday, then the weekend → 10-05
        assertThat(rules.deadlinesFrom(LocalDate.of(2026, 9, 16), properties.of("ANY")).get(0).lastDay())
                .isEqualTo(LocalDate.of(2026, 10, 5));
    }

    @Test
    void aCourtOverridesOnlyThePeriodsItNames() {
        DeadlineProperties.Periods slow = properties.of("SLOW");
        assertThat(slow.answer()).isEqualTo(Period.ofDays(30));
        assertThat(slow.evidence()).isEqualTo(Period.ofDays(15));
        assertThat(slow.hearingLead()).isEqualTo(Period.ofDays(20));
        assertThat(DeadlineRules.latestServiceDay(LocalDate.of(2027, 1, 15), slow)).isEqualTo(LocalDate.of(2026, 12, 26));
        assertThat(DeadlineRules.latestServiceDay(LocalDate.of(2027, 1, 15), properties.of("ANY")))
                .isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(DeadlineRules.daysLeft(LocalDate.of(2027, 1, 2), LocalDate.of(2026, 12, 31))).isEqualTo(-2);
    }
}
