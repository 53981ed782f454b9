package org.serveline.server.publicnotice;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.publicnotice.internal.NoticeRows;
import org.serveline.server.task.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends published notices to the outside bulletin ({@link NoticePublisher}) after commit: rows claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, the publisher called outside any transaction, success recorded as
 * PUBLIC_NOTICE_SENT, failure retried later (doubling, at most a day apart).
 */
@Service
public class NoticeOutbox {

    private static final Logger log = LoggerFactory.getLogger(NoticeOutbox.class);

    private final NoticeRows rows;
    private final NoticePublisher publisher;
    private final AuditTrail audit;
    private final PublicNoticeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();

    NoticeOutbox(JdbcClient jdbc, ObjectProvider<NoticePublisher> publisher, AuditTrail audit,
            PublicNoticeProperties properties, Clock clock, TransactionTemplate transactions) {
        this.rows = new NoticeRows(jdbc);
        this.publisher = publisher.getIfAvailable(LoggingNoticePublisher::new);
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Sends every due notice once; returns how many were sent. */
    public int sendDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> claimed = transactions.execute(s -> rows.claimOutbox(owner, 50, now, now.plus(Duration.ofMinutes(2))));
        int sent = 0;
        for (long id : claimed) {
            PublicNotice notice = rows.byId(id).orElseThrow();
            try {
                String reference = publisher.publish(notice);
                transactions.executeWithoutResult(s -> {
                    rows.outboxSent(id, reference, clock.instant().truncatedTo(ChronoUnit.MICROS));
                    audit.append(new AuditRecord(new TaskId(notice.taskId()).auditChain(), PublicNotices.ACTOR,
                            "PUBLIC_NOTICE_SENT", "task:" + notice.taskId(), null, null,
                            Map.of("noticeId", id, "publisher", publisher.name(), "reference", reference)));
                });
                sent++;
            } catch (RuntimeException e) {
                int attempts = rows.outboxAttempts(id) + 1;
                Duration wait = properties.publisherRetry().multipliedBy(1L << Math.min(attempts - 1, 16));
                Duration capped = wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
                log.warn("notice {}: the bulletin {} failed (attempt {}), next try in {}: {}", id, publisher.name(),
                        attempts, capped, e.toString());
                transactions.executeWithoutResult(s -> rows.outboxFailed(id, e.toString(),
                        clock.instant().plus(capped)));
            }
        }
        return sent;
    }
}
