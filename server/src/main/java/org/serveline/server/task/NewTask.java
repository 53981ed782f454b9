package org.serveline.server.task;

import java.time.LocalDate;
import java.util.List;

/** What a new task is made of, already validated by intake. */
public record NewTask(String courtId, Long caseId, String caseNumber, Long batchId, List<ServiceChannel> channelChain, Priority priority,
        LocalDate deadline, LocalDate hearingDate, Party party, List<String> phones, List<String> documentIds) {
}
