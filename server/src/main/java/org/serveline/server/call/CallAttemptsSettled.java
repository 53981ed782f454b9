package org.serveline.server.call;

import java.util.List;

/**
 * The attempts one transaction settled, together (published after each one's {@link CallAttemptSettled}): for
 * listeners that decide a batch more cheaply than one attempt at a time.
 */
public record CallAttemptsSettled(List<CallAttempt> attempts) {

    public CallAttemptsSettled {
        attempts = List.copyOf(attempts);
    }
}
