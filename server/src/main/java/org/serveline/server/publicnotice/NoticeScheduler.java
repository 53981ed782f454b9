package org.serveline.server.publicnotice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code serveline.public-notice.tick}: elapses the notices whose period is over (their time computed in the
 * court's time zone at publication) and sends the outbox. Off with {@code scheduler-enabled: false} (tests call the
 * services with a test clock instead).
 */
@Component
@ConditionalOnProperty(name = "serveline.public-notice.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class NoticeScheduler {

    private static final Logger log = LoggerFactory.getLogger(NoticeScheduler.class);

    private final PublicNotices notices;
    private final NoticeOutbox outbox;

    NoticeScheduler(PublicNotices notices, NoticeOutbox outbox) {
        this.notices = notices;
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${serveline.public-notice.tick:PT30S}",
            initialDelayString = "${serveline.public-notice.tick:PT30S}")
    void tick() {
        try {
            notices.elapseDue();
            outbox.sendDue();
        } catch (RuntimeException e) {
            log.warn("public notice sweep failed; the next one goes on: {}", e.toString(), e);
        }
    }
}
