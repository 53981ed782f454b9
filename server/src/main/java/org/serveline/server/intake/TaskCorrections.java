package org.serveline.server.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.serveline.server.document.Documents;
import org.serveline.server.task.IllegalTransitionException;
import org.serveline.server.task.Party;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A returned task, corrected by the clerk and resubmitted in one transaction: the correction is checked as intake
 * checks a new task (numbers, documents, time zone), stored with its before/after in the audit trail, then the task
 * moves RETURNED → SUBMITTED. Without a correction it is only resubmitted.
 */
@Service
public class TaskCorrections {

    private final TaskIntake intake;
    private final Documents documents;
    private final ServiceTasks tasks;

    TaskCorrections(TaskIntake intake, Documents documents, ServiceTasks tasks) {
        this.intake = intake;
        this.documents = documents;
        this.tasks = tasks;
    }

    /**
     * What the clerk changed: the party (its numbers included) and/or the documents; {@code null} keeps what the
     * task has.
     */
    public record Correction(@Valid PartyRequest party,
            @Size(min = 1, max = 50, message = "{serveline.documents.required}") List<String> documents) {

        boolean isEmpty() {
            return party == null && documents == null;
        }
    }

    @Transactional
    public ServiceTask resubmit(TaskId id, Correction correction, String actor) {
        if (correction != null && !correction.isEmpty()) {
            ServiceTask task = tasks.get(id);
            if (task.state() != TaskState.RETURNED) {
                throw new IllegalTransitionException(task.state(), TaskTrigger.RESUBMIT,
                        "only a returned task can be corrected and resubmitted");
            }
            List<String> docs = correction.documents() == null ? task.documentIds() : checked(correction.documents());
            Party party = task.party();
            List<String> phones = task.phones().stream().map(p -> p.e164()).toList();
            if (correction.party() != null) {
                PartyRequest p = correction.party();
                phones = intake.normalisedPhones(p.phones(), "party");
                party = new Party(p.role() == null ? task.party().role() : p.role(), p.name().strip(),
                        blankToNull(p.idNumber()), blankToNull(p.email()), blankToNull(p.address()),
                        zone(p.timeZone(), task.party().timeZone()));
            }
            tasks.correct(id, party, phones, docs, actor);
        }
        return tasks.move(id, TaskTrigger.RESUBMIT, actor, null);
    }

    private List<String> checked(List<String> ids) {
        if (ids.stream().anyMatch(d -> d == null || d.isBlank())) {
            throw new InvalidRequestException("documents", ProblemText.of("documents.empty-id",
                    "a document id must not be empty"));
        }
        List<String> missing = documents.missing(ids);
        if (!missing.isEmpty()) {
            throw new UnprocessableException("documents", ProblemText.of("documents.missing",
                    "no uploaded document with id " + missing, String.join("、", missing)));
        }
        return ids.stream().distinct().toList();
    }

    private static String zone(String requested, String current) {
        if (requested == null || requested.isBlank()) {
            return current;
        }
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException e) {
            throw new InvalidRequestException("party.timeZone", ProblemText.of("time-zone.unknown",
                    "unknown time zone '" + requested + "'", requested));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
