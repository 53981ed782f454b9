package org.serveline.server.audit;

import java.util.HashMap;
import java.util.Map;
import org.serveline.server.task.TaskChanged;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes every task state change into the task's chain, inside the transaction that made it. */
@Component
class TaskAuditListener {

    private final AuditTrail trail;

    TaskAuditListener(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(TaskStateChanged change) {
        trail.append(record(change));
    }

    @EventListener
    void on(TaskStateChanges batch) {
        trail.appendAll(batch.changes().stream().map(TaskAuditListener::record).toList());
    }

    private static AuditRecord record(TaskStateChanged change) {
        Map<String, Object> details = new HashMap<>(change.evidence());
        if (change.reason() != null) {
            details.put("reason", change.reason());
        }
        String action = change.trigger() == null ? "TASK_SUBMITTED" : "TASK_" + change.trigger().name();
        return new AuditRecord(change.taskId().auditChain(), change.actor(), action, "task:" + change.taskId(),
                change.from() == null ? null : change.from().name(), change.to().name(), details);
    }

    @EventListener
    void on(TaskChanged change) {
        trail.append(new AuditRecord(change.taskId().auditChain(), change.actor(), change.action(),
                "task:" + change.taskId(), null, null, change.details()));
    }
}
