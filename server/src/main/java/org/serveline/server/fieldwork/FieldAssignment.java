package org.serveline.server.fieldwork;

import java.time.Instant;
import java.util.List;

/** One in-person delivery: the task, where to go, what to hand over, who goes, and what came of it. */
public record FieldAssignment(long id, long taskId, String court, String caseNumber, String partyName,
        String address, List<String> documents, String agent, String assignedBy, Instant assignedAt,
        FieldOutcome outcome, Instant outcomeAt, Instant createdAt) {

    public FieldAssignment {
        documents = List.copyOf(documents);
    }

    public boolean open() {
        return outcome == null;
    }
}
