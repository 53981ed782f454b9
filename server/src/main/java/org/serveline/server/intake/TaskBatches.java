package org.serveline.server.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.serveline.server.support.Sha256;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches of tasks under a client-supplied idempotency key: the first request creates all its tasks or none;
 * a retry with the same key and body returns the same tasks; the same key with another body is refused.
 */
@Service
public class TaskBatches {

    private final JdbcClient jdbc;
    private final TaskIntake intake;
    private final ServiceTasks tasks;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TaskBatches(JdbcClient jdbc, TaskIntake intake, ServiceTasks tasks, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.tasks = tasks;
        this.clock = clock;
    }

    public record BatchResult(long batchId, String idempotencyKey, boolean replayed, List<ServiceTask> tasks) {
    }

    @Transactional
    public BatchResult submit(String key, BatchRequest request, String actor) {
        String requestHash = Sha256.hex(json.writeValueAsString(request));
        int inserted = jdbc.sql("""
                INSERT IGNORE INTO task_batch (idempotency_key, request_sha256, created_by, created_at)
                VALUES (:key, :hash, :by, :at)""")
                .param("key", key).param("hash", requestHash).param("by", actor)
                .param("at", Timestamp.from(clock.instant())).update();
        record Existing(long id, String hash) {
        }
        Existing batch = jdbc.sql("SELECT id, request_sha256 FROM task_batch WHERE idempotency_key = :key")
                .param("key", key).query((rs, n) -> new Existing(rs.getLong(1), rs.getString(2))).single();
        if (inserted == 0) {
            if (!batch.hash().equals(requestHash)) {
                throw new ConflictException(ProblemText.of("intake.key-reused",
                        "Idempotency-Key '" + key + "' was already used for a different request", key));
            }
            return new BatchResult(batch.id(), key, true, tasksOf(batch.id()));
        }
        List<TaskRequest> perParty = request.parties().stream().map(request::taskFor).toList();
        return new BatchResult(batch.id(), key, false, intake.submitAll(perParty, batch.id(), actor));
    }

    private List<ServiceTask> tasksOf(long batchId) {
        return jdbc.sql("SELECT id FROM service_task WHERE batch_id = :id ORDER BY id").param("id", batchId)
                .query(Long.class).list().stream().map(id -> tasks.get(new TaskId(id))).toList();
    }
}
