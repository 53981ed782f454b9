package org.serveline.server.task;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** What a new task is made of, already validated by intake. */
public record NewTask(String courtId, Long caseId, String caseNumber, Long batchId, List<ServiceChannel> channelChain, Priority priority,
        LocalDate deadline, LocalDate hearingDate, Party party, List<String> phones, List<String> documentIds,
        LocalTime hearingTime) {

    /** Without a hearing time. */
    public NewTask(String courtId, Long caseId, String caseNumber, Long batchId, List<ServiceChannel> channelChain,
            Priority priority, LocalDate deadline, LocalDate hearingDate, Party party, List<String> phones,
            List<String> documentIds) {
        this(courtId, caseId, caseNumber, batchId, channelChain, priority, deadline, hearingDate, party, phones,
                documentIds, null);
    }
}
