package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ApiClient;
import org.serveline.server.testsupport.ElectronicServiceTest;
import org.serveline.server.testsupport.TaskFixtures;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;

/**
 * Many consents at once, so that the worker claims them together and their sent messages, receipts and settling go
 * through the pipeline's batches (DeliveryPipeline): each message is recorded, delivered and audited exactly once,
 * each task served once with its own service date, a failed receipt in the middle of a batch still sends only its
 * own task on, and the audit chains stay valid.
 */
class OutboxBatchesIntegrationTests extends ElectronicServiceTest {

    private static final int TASKS = 40;
    private static final String UNDELIVERABLE = "8613300008007";

    @Test
    void aBurstOfConsentsIsSentReceiptedAndServedOnceEachThroughTheBatches() {
        SMSC.receiptState(destination -> destination.equals(UNDELIVERABLE) ? "UNDELIV" : "DELIVRD");
        try {
            TaskFixtures fixtures = fixtures();
            List<TaskId> ids = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                ApiClient.Response created = fixtures.clerk.post("/api/v1/tasks", ApiClient.json(fixtures.taskRequest(
                        TaskFixtures.newCaseNumber(), TaskFixtures.party("郑批量" + i, number(i)))));
                assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
                ids.add(new TaskId(created.body().get("id").asLong()));
            }
            transactions.executeWithoutResult(tx -> ids.forEach(id -> {
                tasks.move(id, TaskTrigger.APPROVE, "reviewer", null);
                tasks.move(id, TaskTrigger.DISPATCH, "dialer", null);
                tasks.consent(id, number(ids.indexOf(id)), "operator", Map.of("test", "a burst of consents"));
            }));

            for (int i = 0; i < TASKS; i++) {
                long id = ids.get(i).value();
                boolean undeliverable = number(i).endsWith(UNDELIVERABLE);
                awaitState(id, undeliverable ? "POSTAL" : "SERVED");
                List<String> actions = actions(id);
                assertThat(actions.stream().filter("DELIVERY_SENT"::equals)).as("task %d: %s", id, actions).hasSize(1);
                assertThat(actions.stream().filter(a -> a.equals("DELIVERY_CONFIRMED") || a.equals("DELIVERY_FAILED")))
                        .as("task %d settled once: %s", id, actions).hasSize(1);
                if (undeliverable) {
                    assertThat(event(id, "DELIVERY_FAILED").get("why").asString()).contains("UNDELIV");
                    assertThat(actions).doesNotContain("TASK_DELIVERED");
                } else {
                    assertThat(actions.stream().filter("TASK_DELIVERED"::equals)).hasSize(1);
                    assertThat(event(id, "TASK_DELIVERED").get("serviceDateRule").asString())
                            .isEqualTo("SMSC_DELIVERED");
                    assertThat(event(id, "TASK_DELIVERED").get("address").asString()).isEqualTo(number(i));
                }
                Map<Integer, Long> parts = smsTo(number(i)).stream()
                        .collect(Collectors.groupingBy(BuiltInSmsc.Received::part, Collectors.counting()));
                assertThat(parts.values()).as("each part reached %s once", number(i)).isNotEmpty().containsOnly(1L);
            }
            List<Long> raw = ids.stream().map(TaskId::value).toList();
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM sms_segment s JOIN delivery_outbox o ON o.id = s.outbox_id
                      LEFT JOIN sms_receipt r ON r.smsc_message_id = s.smsc_message_id
                     WHERE o.task_id IN (:ids) AND r.smsc_message_id IS NULL""").param("ids", raw)
                    .query(Long.class).single()).as("every segment's receipt stored").isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_outbox WHERE task_id IN (:ids) AND (state NOT IN "
                            + "('DELIVERED', 'FAILED') OR body IS NOT NULL)").param("ids", raw).query(Long.class).single())
                    .as("settled, and no code left in the database").isZero();
            for (TaskId id : ids) {
                assertThat(fixtures.supervisor.get("/api/v1/audit/verify?chain=task:" + id.value()).body()
                        .get("valid").asBoolean()).as("chain of task %s", id).isTrue();
            }
        } finally {
            SMSC.receiptState(destination -> "DELIVRD");
        }
    }

    private static String number(int i) {
        return i == 7 ? "+" + UNDELIVERABLE : String.format("+861330000%04d", 8100 + i);
    }
}
