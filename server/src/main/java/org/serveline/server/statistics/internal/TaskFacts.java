package org.serveline.server.statistics.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What statistics and the task export know of one task: when it was submitted, approved, first called and served,
 * by which channel, with how many attempts.
 *
 * @param servedChannel the SERVED move's {@code channel} evidence, else the state it was served from
 * @param serviceDate the SERVED move's {@code serviceDate} evidence as written (null if none)
 */
public record TaskFacts(long id, String court, String caseNumber, String partyName, String partyRole, String state,
        LocalDate hearingDate, Instant submittedAt, Instant approvedAt, Instant firstCallAt, long attempts,
        Instant servedAt, String servedChannel, String serviceDate) {
}
