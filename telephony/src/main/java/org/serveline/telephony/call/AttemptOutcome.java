package org.serveline.telephony.call;

import java.time.Instant;
import java.util.Optional;

/**
 * The one outcome of one call attempt.
 *
 * @param pbxId      the PBX that placed the call
 * @param attemptId  the durable attempt id
 * @param taskId     the service task
 * @param kind       the verdict of {@link OutcomeTable}
 * @param answeredAt when the party answered ({@link OutcomeKind#ANSWERED} and {@link OutcomeKind#HUNG_UP_EARLY})
 * @param settledAt  when the tracker decided
 * @param uniqueId   Asterisk Uniqueid of the originated channel, when one existed
 * @param evidence   the AMI facts the verdict rests on, e.g. {@code OriginateResponse reason 5; causes [17, 0]}
 */
public record AttemptOutcome(String pbxId, String attemptId, String taskId, OutcomeKind kind,
                             Optional<Instant> answeredAt, Instant settledAt, Optional<String> uniqueId,
                             String evidence) {

    public boolean answered() {
        return answeredAt.isPresent();
    }
}
