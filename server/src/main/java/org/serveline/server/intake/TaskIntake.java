package org.serveline.server.intake;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.task.NewTask;
import org.serveline.server.task.Party;
import org.serveline.server.task.PartyRole;
import org.serveline.server.task.Priority;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.InvalidRequestException.Violation;
import org.serveline.server.web.ProblemText;
import org.serveline.server.web.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Turns a clerk's request into SUBMITTED service tasks, checking everything before anything is stored. */
@Service
public class TaskIntake {

    private final Courts courts;
    private final Documents documents;
    private final ServiceTasks tasks;
    private final PhoneNumbers phoneNumbers;

    TaskIntake(Courts courts, Documents documents, ServiceTasks tasks, IntakeProperties properties) {
        this.courts = courts;
        this.documents = documents;
        this.tasks = tasks;
        this.phoneNumbers = new PhoneNumbers(properties.defaultRegion());
    }

    @Transactional
    public ServiceTask submit(TaskRequest request, String actor) {
        return submitAll(List.of(request), null, actor).getFirst();
    }

    /** All or nothing: every request is checked first, then all are stored in the caller's transaction. */
    @Transactional
    public List<ServiceTask> submitAll(List<TaskRequest> requests, Long batchId, String actor) {
        List<NewTask> specs = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            specs.add(check(requests.get(i), batchId, requests.size() == 1 ? "party" : "parties[" + i + "]"));
        }
        return specs.stream().map(spec -> tasks.submit(spec, actor)).toList();
    }

    private NewTask check(TaskRequest request, Long batchId, String partyPath) {
        if (request.hearingTime() != null && request.hearingDate() == null) {
            throw new InvalidRequestException("hearingTime", ProblemText.of("intake.hearing-time",
                    "a hearingTime needs a hearingDate (the hearing's day)"));
        }
        Court court = courts.find(request.court())
                .orElseThrow(() -> new UnprocessableException("court", ProblemText.of("court.unknown",
                        "unknown court '" + request.court() + "'", request.court())));
        List<String> missing = documents.missing(request.documents());
        if (!missing.isEmpty()) {
            throw new UnprocessableException("documents", ProblemText.of("documents.missing",
                    "no uploaded document with id " + missing, String.join("、", missing)));
        }
        List<String> phones = normalisedPhones(request.party().phones(), partyPath);
        ZoneId zone = zoneOf(request.party().timeZone(), court.timeZone(), partyPath);
        long caseId = courts.fileCase(court.id(), request.caseNumber(), request.cause());
        PartyRequest p = request.party();
        Party party = new Party(p.role() == null ? PartyRole.OTHER : p.role(), p.name().strip(), p.idNumber(),
                p.email(), p.address(), zone.getId());
        return new NewTask(court.id(), caseId, request.caseNumber(), batchId, court.channelChain(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.deadline(),
                request.hearingDate(), party, phones, List.copyOf(request.documents()), request.hearingTime());
    }

    /** The numbers in E.164, duplicates dropped; a 400 naming each number at fault ({@code partyPath.phones[i]}). */
    List<String> normalisedPhones(List<String> raw, String partyPath) {
        List<String> normalised = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String number = raw.get(i);
            var valid = phoneNumbers.normalise(number);
            if (valid.isPresent()) {
                normalised.add(valid.get());
            } else {
                violations.add(new Violation(partyPath + ".phones[" + i + "]", ProblemText.of("phone.invalid",
                        "'" + number + "' is not a valid phone number", number)));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.getFirst().text(), violations);
        }
        return normalised.stream().distinct().toList();
    }

    private static ZoneId zoneOf(String requested, ZoneId courtZone, String partyPath) {
        if (requested == null || requested.isBlank()) {
            return courtZone;
        }
        try {
            return ZoneId.of(requested);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(partyPath + ".timeZone", ProblemText.of("time-zone.unknown",
                    "unknown time zone '" + requested + "'", requested));
        }
    }
}
