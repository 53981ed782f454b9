package org.serveline.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.audit.AuditVerifier;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ServiceTasks#moveEach} on a real MariaDB: a batch in which one task was moved and another changed by someone
 * else after the caller loaded them; the others move, each with its own evidence, audited once each in valid chains,
 * published once each; the changed ones are reported back untouched. An illegal move in a batch saves nothing.
 * Runs on a private schema.
 */
@ServelineIntegrationTest
@TestPropertySource(properties = "serveline.embedded-db.schema=serveline_move_each")
class ServiceTasksMoveEachIntegrationTests {

    @Autowired
    ServiceTasks tasks;

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Published published;

    /** Every task move published, single or in a batch, as the listeners see them. */
    static final class Published {
        final List<TaskStateChanged> changes = Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void on(TaskStateChanged change) {
            changes.add(change);
        }

        @EventListener
        void on(TaskStateChanges batch) {
            changes.addAll(batch.changes());
        }

        List<TaskStateChanged> of(TaskId id) {
            synchronized (changes) {
                return changes.stream().filter(c -> c.taskId().equals(id)).toList();
            }
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Published published() {
            return new Published();
        }
    }

    @BeforeEach
    void court() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT IGNORE INTO court (id, name, time_zone, channel_chain, created_at) "
                    + "VALUES ('MOVEALL', 'move-each court', 'UTC', 'POSTAL', NOW(6))").update();
            jdbc.sql("INSERT IGNORE INTO case_file (id, court_id, case_number, created_at) "
                    + "VALUES (1, 'MOVEALL', '(2026)内0303民初7号', NOW(6))").update();
        });
    }

    @Test
    void aMixedBatchMovesTheUnchangedTasksWithTheirOwnEvidenceAndReportsTheOthers() {
        List<TaskId> ids = List.of(submitted("甲"), submitted("乙"), submitted("丙"), submitted("丁"));
        List<ServiceTask> loaded = ids.stream().map(tasks::get).toList();
        int loadedVersion = loaded.get(0).version();
        // meanwhile: one task moved on by someone else, one changed in place (same state, new version)
        tasks.move(ids.get(1), TaskTrigger.RETURN, "reviewer", "材料不全");
        tasks.addPhones(ids.get(2), List.of("+8613800007777"), "lookup", "test");

        MovedTasks result = tasks.moveEach(loaded.stream().map(t -> new TaskMove(t,
                Map.of("note", "evidence of " + t.id()))).toList(), TaskTrigger.APPROVE, "reviewer");

        assertThat(result.moved()).extracting(ServiceTask::id).containsExactly(ids.get(0), ids.get(3));
        assertThat(result.changedMeanwhile()).containsExactly(ids.get(1), ids.get(2));
        assertThat(tasks.get(ids.get(0)).state()).isEqualTo(TaskState.APPROVED);
        assertThat(tasks.get(ids.get(3)).state()).isEqualTo(TaskState.APPROVED);
        assertThat(tasks.get(ids.get(1)).state()).as("moved by someone else, left as it is").isEqualTo(TaskState.RETURNED);
        assertThat(tasks.get(ids.get(2)).state()).as("changed meanwhile, not moved").isEqualTo(TaskState.SUBMITTED);
        assertThat(tasks.get(ids.get(2)).phones()).hasSize(2);
        assertThat(tasks.get(ids.get(0)).version()).isEqualTo(loadedVersion + 1)
                .as("the caller's copy carries the saved version").isEqualTo(result.moved().getFirst().version());

        for (TaskId id : List.of(ids.get(0), ids.get(3))) {
            List<AuditEvent> approvals = audit.chain(id.auditChain()).stream()
                    .filter(e -> e.action().equals("TASK_APPROVE")).toList();
            assertThat(approvals).as("task %s audited once", id).hasSize(1);
            assertThat(approvals.getFirst().before()).isEqualTo("SUBMITTED");
            assertThat(approvals.getFirst().after()).isEqualTo("APPROVED");
            assertThat(approvals.getFirst().details()).as("its own evidence").contains("evidence of " + id)
                    .doesNotContain("evidence of " + (id.equals(ids.get(0)) ? ids.get(3) : ids.get(0)));
            assertThat(published.of(id).stream().filter(c -> c.trigger() == TaskTrigger.APPROVE))
                    .as("published once").hasSize(1);
        }
        for (TaskId id : List.of(ids.get(1), ids.get(2))) {
            assertThat(audit.chain(id.auditChain())).extracting(AuditEvent::action).doesNotContain("TASK_APPROVE");
            assertThat(published.of(id).stream().filter(c -> c.trigger() == TaskTrigger.APPROVE)).isEmpty();
        }
        ids.forEach(id -> assertThat(verifier.verify(id.auditChain()).valid()).as("chain of %s", id).isTrue());
        assertThat(verifier.verify(null).valid()).isTrue();

        // the one changed in place is decided alone, reloaded
        tasks.move(ids.get(2), TaskTrigger.APPROVE, "reviewer", null);
        assertThat(tasks.get(ids.get(2)).state()).isEqualTo(TaskState.APPROVED);
    }

    @Test
    void anIllegalMoveInTheBatchSavesNothing() {
        TaskId fine = submitted("戊");
        TaskId returned = submitted("己");
        tasks.move(returned, TaskTrigger.RETURN, "reviewer", "材料不全");
        List<ServiceTask> loaded = List.of(tasks.get(fine), tasks.get(returned));
        int before = audit.chain(fine.auditChain()).size();

        assertThatThrownBy(() -> tasks.moveEach(loaded.stream().map(t -> new TaskMove(t, Map.of())).toList(),
                TaskTrigger.APPROVE, "reviewer")).isInstanceOf(IllegalTransitionException.class);

        assertThat(tasks.get(fine).state()).isEqualTo(TaskState.SUBMITTED);
        assertThat(tasks.get(fine).version()).isEqualTo(loaded.get(0).version());
        assertThat(audit.chain(fine.auditChain())).hasSize(before);
        assertThat(published.of(fine).stream().filter(c -> c.trigger() == TaskTrigger.APPROVE)).isEmpty();
    }

    @Test
    void aTaskTwiceInOneBatchOrAnEmptyBatch() {
        ServiceTask task = tasks.get(submitted("庚"));
        assertThatThrownBy(() -> tasks.moveEach(List.of(new TaskMove(task, Map.of()), new TaskMove(task, Map.of())),
                TaskTrigger.APPROVE, "reviewer")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tasks.get(task.id()).state()).isEqualTo(TaskState.SUBMITTED);
        MovedTasks none = tasks.moveEach(List.of(), TaskTrigger.APPROVE, "reviewer");
        assertThat(none.moved()).isEmpty();
        assertThat(none.changedMeanwhile()).isEmpty();
    }

    private TaskId submitted(String party) {
        return tasks.submit(new NewTask("MOVEALL", 1L, "(2026)内0303民初7号", null, List.of(ServiceChannel.POSTAL),
                Priority.NORMAL, null, null, new Party(PartyRole.DEFENDANT, party, null, null, null, "UTC"),
                List.of("+8613800006666"), List.of()), "clerk").id();
    }
}
