package org.serveline.server.publicnotice;

import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskStateChanged;
import org.serveline.server.task.TaskStateChanges;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A task entering PUBLIC_NOTICE is published in the transaction that moved it; a cancelled one is withdrawn. */
@Component
class PublicNoticeListener {

    private final PublicNotices notices;

    PublicNoticeListener(PublicNotices notices) {
        this.notices = notices;
    }

    @EventListener
    void on(TaskStateChanged change) {
        if (change.to() == TaskState.PUBLIC_NOTICE && change.from() != TaskState.PUBLIC_NOTICE) {
            notices.publish(change.taskId());
        } else if (change.from() == TaskState.PUBLIC_NOTICE && change.to() == TaskState.CANCELLED) {
            notices.withdraw(change.taskId(), change.actor());
        }
    }

    @EventListener
    void on(TaskStateChanges batch) {
        batch.changes().forEach(this::on);
    }
}
