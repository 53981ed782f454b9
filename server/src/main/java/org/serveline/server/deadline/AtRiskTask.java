package org.serveline.server.deadline;

import java.time.LocalDate;
import org.serveline.server.task.TaskState;

/** A task not served yet whose latest service day before the hearing is near or past. */
public record AtRiskTask(long taskId, String court, String caseNumber, String partyName, TaskState state,
        LocalDate hearingDate, LocalDate latestServiceDay, long daysLeft, boolean overdue) {
}
