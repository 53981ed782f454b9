package org.serveline.server.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.stereotype.Component;

/** Turns request parameters into a {@link StatisticsQuery}, refusing what cannot be answered with a 400. */
@Component
class StatisticsQueries {

    private final Courts courts;
    private final StatisticsProperties properties;
    private final Clock clock;

    StatisticsQueries(Courts courts, StatisticsProperties properties, Clock clock) {
        this.courts = courts;
        this.properties = properties;
        this.clock = clock;
    }

    StatisticsQuery parse(String court, String from, String to, String bucket) {
        String courtId = court == null || court.isBlank() ? null : court.strip();
        ZoneId zone = properties.zone();
        if (courtId != null) {
            zone = courts.find(courtId).map(Court::timeZone).orElseThrow(() -> new InvalidRequestException("court",
                    ProblemText.of("court.unknown", "未知法院 / unknown court '" + court + "'", court)));
        }
        StatisticsQuery.Bucket buckets = StatisticsQuery.Bucket.parse(bucket);
        LocalDate until = to == null || to.isBlank() ? LocalDate.now(clock.withZone(zone)) : StatisticsQuery.date("to", to);
        LocalDate since = from == null || from.isBlank() ? until.minus(properties.defaultRange()).plusDays(1)
                : StatisticsQuery.date("from", from);
        if (since.isAfter(until)) {
            throw new InvalidRequestException("from", ProblemText.of("statistics.order",
                    "开始日期晚于结束日期 / from (" + since + ") is after to (" + until + ")", since, until));
        }
        if (since.plus(properties.maxRange()).isBefore(until)) {
            throw new InvalidRequestException("to", ProblemText.of("statistics.too-long",
                    "统计区间过长，最长 " + properties.maxRange() + " / the range from " + since + " to " + until
                    + " is longer than " + properties.maxRange(), properties.maxRange().getDays()));
        }
        return new StatisticsQuery(courtId, since, until, zone, buckets);
    }
}
