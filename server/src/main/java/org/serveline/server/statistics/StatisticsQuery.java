package org.serveline.server.statistics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;

/**
 * What a statistics or export request asks for: tasks submitted (attempts made) from {@code from} to {@code to}, both
 * days inclusive in {@code zone}, of one court or all, counted by day or by ISO week.
 */
public record StatisticsQuery(String court, LocalDate from, LocalDate to, ZoneId zone, Bucket bucket) {

    public enum Bucket {
        DAY, WEEK;

        /** The first day of the bucket holding {@code day}: the day itself, or the Monday of its week. */
        public LocalDate start(LocalDate day) {
            return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        static Bucket parse(String text) {
            if (text == null || text.isBlank()) {
                return DAY;
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "day" -> DAY;
                case "week" -> WEEK;
                default -> throw new InvalidRequestException("bucket", ProblemText.of("statistics.bucket",
                        "统计粒度只能是 day 或 week / bucket must be day or week, not '" + text + "'", text));
            };
        }
    }

    public Instant fromInstant() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant untilInstant() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Every bucket start in the range, in order. */
    public List<LocalDate> bucketStarts() {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = bucket.start(from); !d.isAfter(to); d = bucket == Bucket.DAY ? d.plusDays(1) : d.plusWeeks(1)) {
            starts.add(d);
        }
        return starts;
    }

    static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, ProblemText.of("statistics.date",
                    "日期格式应为 yyyy-MM-dd / " + field + " must be a date such as 2026-11-30, not '" + text + "'", text));
        }
    }
}
