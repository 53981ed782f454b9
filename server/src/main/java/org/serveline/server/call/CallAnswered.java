package org.serveline.server.call;

import java.time.Instant;

/**
 * The PBX shows the call answered and live.
 *
 * @param partyAnsweredAt    when the party answered, if known
 * @param operatorAnsweredAt when the operator's phone answered (operator calls), if known
 */
public record CallAnswered(String attemptId, Instant partyAnsweredAt, Instant operatorAnsweredAt)
        implements AttemptEvent {
}
