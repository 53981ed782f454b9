package org.serveline.server.statistics;

import java.time.Period;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Statistics and exports ({@code serveline.statistics}); documented in {@code config/application-sample.yml}.
 *
 * @param zone the time zone of days and weeks when no court is asked for (a court's own zone otherwise)
 * @param maxRange the longest {@code from}–{@code to} range one request may ask for
 * @param defaultRange the range ending today used when {@code from} is not given
 */
@ConfigurationProperties("serveline.statistics")
public record StatisticsProperties(ZoneId zone, Period maxRange, Period defaultRange) {

    public StatisticsProperties {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        maxRange = maxRange == null ? Period.ofDays(366) : maxRange;
        defaultRange = defaultRange == null ? Period.ofDays(30) : defaultRange;
    }
}
