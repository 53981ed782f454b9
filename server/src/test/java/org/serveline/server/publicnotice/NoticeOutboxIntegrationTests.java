package org.serveline.server.publicnotice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serveline.server.postal.PostalTestSupport.event;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.postal.PostalTestSupport;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.serveline.server.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** An outside bulletin that fails: the notice stays in the outbox, is tried again later, and is sent exactly once. */
@FallbackChannelsIntegrationTest
class NoticeOutboxIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    PublicNoticeProperties properties;
    @Autowired
    MutableClock clock;
    @Autowired
    TransactionTemplate transactions;

    /** Fails the first call for each notice, then answers a reference. */
    static final class FlakyBulletin implements NoticePublisher {
        final AtomicInteger calls = new AtomicInteger();
        final java.util.Set<Long> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public String publish(PublicNotice notice) {
            calls.incrementAndGet();
            if (failedOnce.add(notice.id())) {
                throw new IllegalStateException("bulletin unavailable");
            }
            return "bulletin-" + notice.id();
        }

        @Override
        public String name() {
            return "flaky";
        }
    }

    @Test
    void aFailingBulletinIsTriedAgainAfterTheRetryWaitAndTheNoticeSentOnce() {
        PostalTestSupport support = new PostalTestSupport(port, tasks);
        long task = support.taskInPostal("风清扬", "华山思过崖");
        tasks.move(new TaskId(task), TaskTrigger.CHANNEL_FAILED, "postal-carrier", "POST_MOVED");
        FlakyBulletin bulletin = new FlakyBulletin();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("bulletin", bulletin);
        NoticeOutbox outbox = new NoticeOutbox(jdbc, beans.getBeanProvider(NoticePublisher.class), audit, properties,
                (Clock) clock, transactions);
        // other tests' notices may be pending too: each fails once as well; this task's are told by its audit events
        outbox.sendDue();
        assertThat(support.timeline(task).findValuesAsString("action")).doesNotContain("PUBLIC_NOTICE_SENT");

        clock.advance(properties.publisherRetry().minus(Duration.ofSeconds(1)));
        int before = bulletin.calls.get();
        outbox.sendDue();
        assertThat(support.timeline(task).findValuesAsString("action")).doesNotContain("PUBLIC_NOTICE_SENT");

        clock.advance(Duration.ofSeconds(2));
        outbox.sendDue();
        outbox.sendDue();

        JsonNode timeline = support.timeline(task);
        assertThat(timeline.findValuesAsString("action").stream().filter("PUBLIC_NOTICE_SENT"::equals)).hasSize(1);
        JsonNode sent = event(timeline, "PUBLIC_NOTICE_SENT").get("details");
        assertThat(sent.get("publisher").asString()).isEqualTo("flaky");
        assertThat(sent.get("reference").asString()).startsWith("bulletin-");
        assertThat(bulletin.calls.get()).isGreaterThan(before);
    }
}
