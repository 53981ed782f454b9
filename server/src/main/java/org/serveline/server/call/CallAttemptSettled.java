package org.serveline.server.call;

/** An attempt has its final outcome; published once per attempt, inside the transaction that stored it. */
public record CallAttemptSettled(CallAttempt attempt) {
}
