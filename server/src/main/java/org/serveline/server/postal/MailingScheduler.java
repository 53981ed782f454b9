package org.serveline.server.postal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the tracker every {@code serveline.postal.tick} (off with {@code serveline.postal.scheduler-enabled: false}). */
@Component
@ConditionalOnProperty(name = "serveline.postal.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class MailingScheduler {

    private static final Logger log = LoggerFactory.getLogger(MailingScheduler.class);

    private final MailingTracker tracker;

    MailingScheduler(MailingTracker tracker) {
        this.tracker = tracker;
    }

    @Scheduled(fixedDelayString = "${serveline.postal.tick:PT15S}", initialDelayString = "${serveline.postal.tick:PT15S}")
    void tick() {
        try {
            tracker.checkDue();
        } catch (RuntimeException e) {
            log.warn("postal tracking sweep failed; the next one goes on: {}", e.toString(), e);
        }
    }
}
