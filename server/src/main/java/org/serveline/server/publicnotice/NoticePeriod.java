package org.serveline.server.publicnotice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * How long a public notice runs. Days are the statutory unit (民事诉讼法第九十五条: thirty days from publication):
 * the day of publication is not counted, and the task is served on the period's last day — the notice elapses at
 * the start of that day in the court's time zone. A period that is not whole days (the demo's PT3M) simply runs
 * that long from publication.
 */
public record NoticePeriod(Duration length) {

    private static final Duration MAX = Duration.ofDays(366);

    public NoticePeriod {
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(MAX) > 0) {
            throw new InvalidNoticePeriodException("a notice period is longer than nothing and at most P366D, not "
                    + length);
        }
    }

    public static NoticePeriod ofDays(long days) {
        return new NoticePeriod(Duration.ofDays(days));
    }

    /** An ISO-8601 duration such as {@code P60D} or {@code PT3M}. */
    public static NoticePeriod parse(String text) {
        try {
            return new NoticePeriod(Duration.parse(text.strip()));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidNoticePeriodException("'" + text + "' is not an ISO-8601 duration such as P60D");
        }
    }

    public boolean wholeDays() {
        return length.toSeconds() % 86_400 == 0 && length.toNanosPart() == 0;
    }

    /** Whole days of the period (0 for a period shorter than a day). */
    public long days() {
        return length.toDays();
    }

    /** The period's last day: the day the party is served. */
    public LocalDate lastDay(Instant publishedAt, ZoneId zone) {
        return wholeDays() ? publishedAt.atZone(zone).toLocalDate().plusDays(days())
                : publishedAt.plus(length).atZone(zone).toLocalDate();
    }

    /** When the notice elapses and the task is served. */
    public Instant elapsesAt(Instant publishedAt, ZoneId zone) {
        return wholeDays() ? lastDay(publishedAt, zone).atStartOfDay(zone).toInstant() : publishedAt.plus(length);
    }

    /** The period in Chinese: 三十日 reads as "30日"; the demo's as "3分钟". */
    public String chinese() {
        if (wholeDays()) {
            return days() + "日";
        }
        return length.toSeconds() % 60 == 0 ? length.toMinutes() + "分钟" : length.toSeconds() + "秒";
    }

    /** ISO-8601: {@code P30D} for days (not Duration's {@code PT720H}), else e.g. {@code PT3M}. */
    @Override
    public String toString() {
        return wholeDays() ? "P" + days() + "D" : length.toString();
    }
}
