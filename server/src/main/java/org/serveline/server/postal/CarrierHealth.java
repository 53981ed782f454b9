package org.serveline.server.postal;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The postal carrier's health: whether the tracker's last call to it was answered, and how many mailings wait on it.
 * Until the tracker has called it, a configured carrier is UP; with none configured, staff type the tracking numbers
 * and the health says so (UNKNOWN, not DOWN: nothing is broken).
 */
@Component("postalCarrierHealthIndicator") // the health component "postalCarrier"
class CarrierHealth implements HealthIndicator {

    private final PostalCarrier carrier;
    private final JdbcClient jdbc;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    CarrierHealth(PostalCarrier carrier, JdbcClient jdbc) {
        this.carrier = carrier;
        this.jdbc = jdbc;
    }

    void answered() {
        lastError = null;
        lastErrorAt = null;
    }

    void failed(String error, Instant at) {
        lastErrorAt = at;
        lastError = error;
    }

    @Override
    public Health health() {
        if (!PostalMailings.tracks(carrier)) {
            return Health.unknown().withDetail("reason", "no postal carrier configured: staff enter tracking numbers")
                    .build();
        }
        String error = lastError;
        Health.Builder health = error == null ? Health.up()
                : Health.down().withDetail("lastError", error).withDetail("since", String.valueOf(lastErrorAt));
        return health.withDetail("open", jdbc.sql("""
                SELECT COUNT(*) FROM postal_mailing
                 WHERE status IN ('AWAITING_BOOKING', 'ACCEPTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY')""")
                .query(Long.class).single()).build();
    }
}
