package org.serveline.server.lookup;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Contact lookup ({@code serveline.lookup}): how many queries each provider may answer per period (across all
 * nodes; {@code rate-limits.<provider name>} overrides the default), and the court's own contact table (enabled,
 * and a CSV loaded at start when the table is empty).
 */
@ConfigurationProperties("serveline.lookup")
public record LookupProperties(RateLimit defaultRateLimit, Map<String, RateLimit> rateLimits, CourtTable courtTable) {

    public LookupProperties {
        defaultRateLimit = defaultRateLimit == null ? new RateLimit(600, Duration.ofHours(1)) : defaultRateLimit;
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        courtTable = courtTable == null ? new CourtTable(true, null) : courtTable;
    }

    public RateLimit rateLimit(String provider) {
        return rateLimits.getOrDefault(provider, defaultRateLimit);
    }

    public record RateLimit(int maxQueries, Duration per) {

        public RateLimit {
            if (maxQueries < 0 || per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit is max-queries >= 0 per a positive period");
            }
        }
    }

    public record CourtTable(boolean enabled, Resource seed) {
    }
}
