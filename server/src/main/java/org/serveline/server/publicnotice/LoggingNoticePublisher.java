package org.serveline.server.publicnotice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shipped {@link NoticePublisher}: writes the notice to the log and answers a local reference. */
public final class LoggingNoticePublisher implements NoticePublisher {

    private static final Logger log = LoggerFactory.getLogger(LoggingNoticePublisher.class);

    @Override
    public String publish(PublicNotice notice) {
        log.info("public notice {} for the outside bulletin: {}\n{}", notice.id(), notice.title(), notice.body());
        return "log:notice-" + notice.id();
    }

    @Override
    public String name() {
        return "log";
    }
}
