package org.serveline.telephony.call;

import java.time.Instant;
import java.util.Optional;

/**
 * An attempt's call was answered and is live: delivered when the originated channel answered (the party on a notice
 * call, the operator's phone on an operator call) and again when an operator call's party answers. Its
 * {@link AttemptOutcome} follows when the last channel hangs up.
 */
public record AttemptAnswered(String pbxId, String attemptId, Optional<Instant> partyAnsweredAt,
                              Optional<Instant> operatorAnsweredAt) {
}
