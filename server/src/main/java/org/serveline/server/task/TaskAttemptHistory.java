package org.serveline.server.task;

import java.util.List;

/** The calls made for a task, as shown with it; provided by the call feature. */
public interface TaskAttemptHistory {

    List<?> attemptsOf(TaskId task);
}
