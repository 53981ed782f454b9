package org.serveline.server.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The arithmetic of the statutory clocks, on dates in the court's time zone: a period starts the day after service
 * and ends on its last day, moved to the next working day when that is a weekend or a holiday (CPL Art. 85).
 */
public final class DeadlineRules {

    private final Set<LocalDate> holidays;

    public DeadlineRules(List<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    /** The deadlines a service on {@code serviceDay} starts. */
    public List<Deadline> deadlinesFrom(LocalDate serviceDay, DeadlineProperties.Periods periods) {
        List<Deadline> deadlines = new ArrayList<>();
        deadlines.add(deadline("ANSWER", "答辩期届满", serviceDay, periods.answer()));
        deadlines.add(deadline("EVIDENCE", "举证期限届满", serviceDay, periods.evidence()));
        deadlines.add(deadline("APPEAL", "上诉期届满（送达裁判文书时）", serviceDay, periods.appeal()));
        return deadlines;
    }

    private Deadline deadline(String kind, String label, LocalDate serviceDay, Period period) {
        return new Deadline(kind, label, period, workingDayFrom(serviceDay.plus(period)));
    }

    /** The last day a party may be served for the answer period to run out before the hearing. */
    public static LocalDate latestServiceDay(LocalDate hearing, DeadlineProperties.Periods periods) {
        return hearing.minus(periods.hearingLead());
    }

    /** Days from {@code today} to {@code day}: negative once it has passed. */
    public static long daysLeft(LocalDate today, LocalDate day) {
        return ChronoUnit.DAYS.between(today, day);
    }

    LocalDate workingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || holidays.contains(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** One deadline: what it is, the period that makes it, and its last day. */
    public record Deadline(String kind, String label, Period period, LocalDate lastDay) {
    }
}
