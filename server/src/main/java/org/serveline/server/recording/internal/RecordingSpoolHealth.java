package org.serveline.server.recording.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.UncheckedIOException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The recording spool in health ({@code recordingSpool}: DOWN when it is missing or not writable, with the backlog)
 * and in metrics ({@code serveline.recordings.spool.backlog}: recordings waiting in it).
 */
@Component("recordingSpoolHealthIndicator")
class RecordingSpoolHealth implements HealthIndicator, MeterBinder {

    static final String BACKLOG = "serveline.recordings.spool.backlog";

    private final RecordingSpool spool;

    RecordingSpoolHealth(RecordingSpool spool) {
        this.spool = spool;
    }

    @Override
    public Health health() {
        if (!spool.writable()) {
            return Health.down().withDetail("dir", spool.dir().toString())
                    .withDetail("reason", "the spool is missing or not writable (serveline.recordings.spool-dir)")
                    .build();
        }
        try {
            return Health.up().withDetail("dir", spool.dir().toString()).withDetail("backlog", spool.backlog()).build();
        } catch (UncheckedIOException e) {
            return Health.down().withDetail("dir", spool.dir().toString()).withDetail("reason", e.getMessage()).build();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(BACKLOG, this, RecordingSpoolHealth::backlog)
                .description("recordings waiting in this node's spool to be ingested").register(registry);
    }

    private double backlog() {
        try {
            return spool.backlog();
        } catch (UncheckedIOException e) {
            return Double.NaN;
        }
    }
}
