package org.serveline.server.postal;

import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A task entering POSTAL gets its mailing in the transaction that moved it (one move, or a batch of them). */
@Component
class PostalChannelListener {

    private final PostalMailings mailings;

    PostalChannelListener(PostalMailings mailings) {
        this.mailings = mailings;
    }

    @EventListener
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.POSTAL && change.from() != TaskState.POSTAL) {
            mailings.open(change.taskId());
        }
    }

    @EventListener
    void on(TaskStateChanges batch) {
        batch.changes().forEach(this::on);
    }
}
