package org.serveline.server.fieldwork;

import java.util.Map;

/** The answer to an outcome report: where the task went and the evidence its move rests on. */
public record OutcomeResult(long assignmentId, long taskId, FieldOutcome outcome, String taskState,
        Map<String, Object> evidence) {
}
