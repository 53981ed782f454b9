package org.serveline.server.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a party may be called, in the party's own time zone: between {@code start} and {@code end} local time,
 * not on weekends unless allowed, never on a listed holiday.
 */
public record CallingHours(LocalTime start, LocalTime end, boolean weekends, Set<LocalDate> holidays) {

    public static final CallingHours DEFAULT = new CallingHours(LocalTime.of(8, 0), LocalTime.of(21, 0), false, Set.of());

    public CallingHours {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new InvalidLimitException("callingUntil", "calling-hours",
                    "calling hours must start before they end (got " + start + "–" + end + ")", start, end);
        }
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    public boolean allows(Instant at, ZoneId partyZone) {
        ZonedDateTime local = at.atZone(partyZone);
        LocalTime time = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** The first moment at or after {@code from} when the party may be called (searching up to a year ahead). */
    public Instant nextAllowed(Instant from, ZoneId partyZone) {
        ZonedDateTime local = from.atZone(partyZone);
        for (int day = 0; day < 366; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            if (!isWorkingDay(date)) {
                continue;
            }
            ZonedDateTime opens = date.atTime(start).atZone(partyZone);
            ZonedDateTime closes = date.atTime(end).atZone(partyZone);
            if (day == 0 && local.isBefore(closes)) {
                return local.isBefore(opens) ? opens.toInstant() : from;
            }
            if (day > 0) {
                return opens.toInstant();
            }
        }
        throw new IllegalStateException("no calling day within a year: check the holiday calendar");
    }

    private boolean isWorkingDay(LocalDate date) {
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekends || !weekend) && !holidays.contains(date);
    }
}
