package org.serveline.telephony.call;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one outcome of one call attempt, decided when the call's last channel hung up (or when its failure was
 * certain).
 *
 * @param pbxId              the PBX that placed the call
 * @param attemptId          the durable attempt id
 * @param taskId             the service task
 * @param kind               the verdict of {@link OutcomeTable}
 * @param answeredAt         when the party answered ({@link OutcomeKind#ANSWERED}, {@link OutcomeKind#HUNG_UP_EARLY},
 *                           {@link OutcomeKind#ANSWERING_MACHINE}, and calls the PBX lost after the answer)
 * @param operatorAnsweredAt when the operator's phone answered, for an operator call (it rings first; the call's
 *                           recording starts then)
 * @param endedAt            when the call's last channel hung up; for a call whose end the link did not see, when the
 *                           tracker learned it was gone
 * @param hangupCause        the Q.850 cause of the party's leg (its ";2" half for a Local channel), when one came
 * @param settledAt          when the tracker decided
 * @param uniqueId           Asterisk Uniqueid of the originated channel, when one existed
 * @param evidence           the AMI facts the verdict rests on, e.g. {@code OriginateResponse reason 5; causes [17, 0]}
 */
public record AttemptOutcome(String pbxId, String attemptId, String taskId, OutcomeKind kind,
                             Optional<Instant> answeredAt, Optional<Instant> operatorAnsweredAt, Instant endedAt,
                             OptionalInt hangupCause, Instant settledAt, Optional<String> uniqueId, String evidence) {

    public boolean answered() {
        return answeredAt.isPresent();
    }
}
