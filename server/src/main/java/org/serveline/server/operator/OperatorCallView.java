package org.serveline.server.operator;

/** An operator call just placed: the durable attempt, whom it rings first and whom it dials then. */
public record OperatorCallView(String attemptId, long taskId, String state, String endpoint, String number,
        String pbxId, String trunk) {
}
