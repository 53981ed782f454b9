package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ElectronicServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

/**
 * The SMSC misbehaving, through the real SMPP wire: it refuses our binds, or goes down in the middle of a window of
 * submits. Nothing is lost, what was not answered is sent once more, and no party gets a part twice.
 */
class SmscFaultsIntegrationTests extends ElectronicServiceTest {

    @Autowired
    SmsGateway gateway;

    @AfterEach
    void smscBackToNormal() throws Exception {
        SMSC.refuseBinds(false);
        if (SMSC.sessionCount() == 0 && !gateway.ready()) {
            try {
                SMSC.start(SMSC.port());
            } catch (java.io.IOException alreadyListening) {
                // it was not stopped
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(gateway::ready);
    }

    @Test
    void whileTheSmscRefusesBindsMessagesWaitAndHealthIsDownThenTheyLeave() throws Exception {
        SMSC.refuseBinds(true);
        SMSC.stop();
        SMSC.start(SMSC.port());
        int refusedBefore = SMSC.refusedBinds();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(SMSC.refusedBinds()).isGreaterThan(refusedBefore);
            assertThat(gateway.health().getStatus()).isEqualTo(Status.DOWN);
        });
        long id = electronicTask("NMG0303", "孙拒绑", "+86 136 0000 6001", null, "+8613600006001");
        int refusedWithTask = SMSC.refusedBinds();
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.refusedBinds() >= refusedWithTask + 2);

        assertThat(state(id)).isEqualTo("ELECTRONIC");
        assertThat(jdbc.sql("SELECT state, attempts FROM delivery_outbox WHERE task_id = :t").param("t", id)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).single()).isEqualTo("PENDING/0");
        assertThat(gateway.health().getDetails().get("link").toString()).contains("cannot bind");
        assertThat((Long) gateway.health().getDetails().get("waiting")).isPositive();

        SMSC.refuseBinds(false);
        awaitState(id, "SERVED");
        assertThat(gateway.health().getStatus()).isEqualTo(Status.UP);
        assertThat(smsTo("+8613600006001")).isNotEmpty();
    }

    @Test
    void anSmsWhoseReceiptNeverComesFailsAfterTheReceiptTimeout() {
        SMSC.receiptState(destination -> destination.equals("8613400006002") ? null : "DELIVRD");
        try {
            long id = electronicTask("NMG0303", "陈无回执", "+86 134 0000 6002", null, "+8613400006002");
            await().atMost(Duration.ofSeconds(30)).until(() -> actions(id).contains("DELIVERY_SENT"));
            assertThat(state(id)).as("accepted, no receipt yet: the task waits").isEqualTo("ELECTRONIC");

            jdbc.sql("UPDATE delivery_outbox SET sent_at = sent_at - INTERVAL 3 DAY WHERE task_id = :t")
                    .param("t", id).update(); // as if the receipt timeout (P2D) had passed

            awaitState(id, "POSTAL");
            assertThat(event(id, "DELIVERY_FAILED").get("why").asString()).contains("未收到送达回执");
        } finally {
            SMSC.receiptState(destination -> "DELIVRD");
        }
    }

    @Test
    void anSmscGoingDownMidWindowLosesNothingAndDuplicatesNothing() throws Exception {
        SMSC.goDownAfter(5);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(electronicTask("NMG0303", "周窗口" + i, "+86 135 0000 70" + (10 + i), null, "+86135000070" + (10 + i)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !gateway.ready() && SMSC.sessionCount() == 0);
        SMSC.start(SMSC.port());

        ids.forEach(id -> awaitState(id, "SERVED"));

        for (int i = 0; i < 10; i++) {
            String number = "+86135000070" + (10 + i);
            Map<Integer, Long> parts = smsTo(number).stream()
                    .collect(Collectors.groupingBy(BuiltInSmsc.Received::part, Collectors.counting()));
            assertThat(parts.values()).as("each part reached %s once", number).containsOnly(1L);
            long segments = jdbc.sql("SELECT COUNT(*) FROM sms_segment s JOIN delivery_outbox o ON o.id = s.outbox_id "
                    + "WHERE o.address = :a").param("a", number).query(Long.class).single();
            assertThat(parts).hasSize((int) segments);
        }
        List<Integer> attempts = jdbc.sql("SELECT attempts FROM delivery_outbox WHERE task_id IN (:ids)")
                .param("ids", ids).query(Integer.class).list();
        assertThat(attempts).hasSize(10).allMatch(a -> a == 1 || a == 2).as("some were resent once").contains(2);
    }
}
