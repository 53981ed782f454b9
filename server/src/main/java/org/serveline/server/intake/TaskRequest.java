package org.serveline.server.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.serveline.server.task.Priority;

/** One party of a case to be served with the given documents. */
public record TaskRequest(
        @NotBlank @Size(max = 32) String court,
        @NotBlank @Size(max = 64) String caseNumber,
        @Size(max = 200) String cause,
        @NotNull @Valid PartyRequest party,
        @NotNull @Size(min = 1, max = 50, message = "{serveline.documents.required}") List<@NotBlank String> documents,
        Priority priority,
        LocalDate deadline,
        LocalDate hearingDate,
        LocalTime hearingTime) {

    /** Without a hearing time. */
    public TaskRequest(String court, String caseNumber, String cause, PartyRequest party, List<String> documents,
            Priority priority, LocalDate deadline, LocalDate hearingDate) {
        this(court, caseNumber, cause, party, documents, priority, deadline, hearingDate, null);
    }
}
