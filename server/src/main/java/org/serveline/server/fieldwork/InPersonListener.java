package org.serveline.server.fieldwork;

import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A task entering IN_PERSON gets its field assignment in the transaction of the move, just before it commits (so
 * the move's own audit event comes first in the task's chain).
 */
@Component
class InPersonListener {

    private final FieldAssignments assignments;
    private final ServiceTasks tasks;

    InPersonListener(FieldAssignments assignments, ServiceTasks tasks) {
        this.assignments = assignments;
        this.tasks = tasks;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.IN_PERSON) {
            assignments.open(tasks.get(change.taskId()), change.actor());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(TaskStateChanges batch) {
        batch.changes().forEach(this::on);
    }
}
