package org.serveline.server.recording.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.serveline.recordings.retention.RecordingExpired;
import org.serveline.recordings.retention.RetentionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the store's retention on schedule: expired originals and copies go, recordings on legal hold stay. */
@Component
public class RecordingRetention {

    private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

    private final RetentionService retention;
    private final Clock clock;

    RecordingRetention(RetentionService retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${serveline.recordings.retention-interval:PT1H}",
            initialDelayString = "${serveline.recordings.retention-interval:PT1H}")
    void run() {
        try {
            expireAt(clock.instant());
        } catch (RuntimeException e) {
            log.error("recording retention failed; it runs again at the next interval", e);
        }
    }

    /** Removes what is due at {@code now}; each removal is audited on the "recordings" chain. */
    public List<RecordingExpired> expireAt(Instant now) {
        List<RecordingExpired> removed = retention.expire(now);
        if (!removed.isEmpty()) {
            log.info("retention removed {} recording object(s)", removed.size());
        }
        return removed;
    }
}
