package org.serveline.server.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** How a task is shown over the API. */
public record TaskView(long id, String court, String caseNumber, TaskState state, ServiceChannel currentChannel,
        List<ServiceChannel> channelChain, Priority priority, LocalDate deadline, LocalDate hearingDate,
        Party party, List<PartyPhone> phones, String electronicAddress, List<String> documents, String returnReason,
        String cancelReason, List<?> attempts, String createdBy, Instant createdAt, Instant updatedAt, int version,
        LocalTime hearingTime) {

    public static TaskView of(ServiceTask task) {
        return of(task, List.of());
    }

    public static TaskView of(ServiceTask task, List<?> attempts) {
        return new TaskView(task.id().value(), task.courtId(), task.caseNumber(), task.state(),
                task.currentChannel().orElse(null), task.channelChain(), task.priority(), task.deadline(),
                task.hearingDate(), task.party(), task.phones(), task.electronicAddress(), task.documentIds(),
                task.returnReason(), task.cancelReason(), attempts, task.createdBy(), task.createdAt(), task.updatedAt(), task.version(),
                task.hearingTime());
    }
}
