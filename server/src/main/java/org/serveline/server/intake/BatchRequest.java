package org.serveline.server.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.serveline.server.task.Priority;

/** All parties of one case to be served with the same documents: the clerk's "one click". */
public record BatchRequest(
        @NotBlank @Size(max = 32) String court,
        @NotBlank @Size(max = 64) String caseNumber,
        @Size(max = 200) String cause,
        @NotNull @Size(min = 1, max = 100, message = "{serveline.parties.required}") List<@Valid @NotNull PartyRequest> parties,
        @NotNull @Size(min = 1, max = 50, message = "{serveline.documents.required}") List<@NotBlank String> documents,
        Priority priority,
        LocalDate deadline,
        LocalDate hearingDate,
        LocalTime hearingTime) {

    /** Without a hearing time. */
    public BatchRequest(String court, String caseNumber, String cause, List<PartyRequest> parties,
            List<String> documents, Priority priority, LocalDate deadline, LocalDate hearingDate) {
        this(court, caseNumber, cause, parties, documents, priority, deadline, hearingDate, null);
    }

    TaskRequest taskFor(PartyRequest party) {
        return new TaskRequest(court, caseNumber, cause, party, documents, priority, deadline, hearingDate,
                hearingTime);
    }
}
