package org.serveline.server.operator;

import java.util.List;
import org.serveline.server.task.TaskView;

/**
 * A task on an operator's screen: the task, the script to read, how it came ({@code QUEUE}: the party asked the
 * IVR for an operator, then {@code transferredAttemptId} names that call; {@code PREVIEW}: the next due task), and
 * the operator's live call, if any.
 */
public record OperatorTask(TaskView task, String scriptVersion, List<String> script, String source,
        String transferredAttemptId, String liveAttemptId) {
}
