package org.serveline.server.fieldwork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.fieldwork.internal.AssignmentRows;
import org.serveline.server.support.Sha256;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskTrigger;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's outcome of an assignment, once: the FIELD_OUTCOME audit event, then the task's move (served or
 * lodged → DELIVERED with the evidence; not found → CHANNEL_FAILED), in one transaction. The same report sent again
 * (the same Idempotency-Key, or without a key the same content) answers the first answer and writes nothing; a
 * different report for a closed assignment is a conflict.
 */
@Service
public class FieldOutcomes {

    /** How far ahead of the server's clock an agent's device may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final AssignmentRows rows;
    private final ServiceTasks tasks;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    FieldOutcomes(JdbcClient jdbc, ServiceTasks tasks, AuditTrail audit, Clock clock) {
        this.rows = new AssignmentRows(jdbc);
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public OutcomeResult report(long assignmentId, String agent, OutcomeReport report, String idempotencyKey) {
        FieldAssignment assignment = rows.lock(assignmentId).orElseThrow(() -> FieldAssignments.notFound(assignmentId));
        if (!agent.equals(assignment.agent())) {
            throw new NotYourAssignmentException(assignmentId);
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank()
                ? "report:" + Sha256.hex(json.writeValueAsString(report))
                : "key:" + idempotencyKey.strip();
        if (!assignment.open()) {
            AssignmentRows.StoredOutcome stored = rows.outcome(assignmentId).orElseThrow();
            if (key.equals(stored.key())) {
                return json.readValue(stored.answer(), OutcomeResult.class);
            }
            throw new ConflictException(ProblemText.of("field.reported",
                    "the outcome of field assignment " + assignmentId + " was already reported ("
                    + assignment.outcome() + " at " + assignment.outcomeAt() + ")", assignmentId,
                    ProblemText.of("field.outcome." + assignment.outcome(), String.valueOf(assignment.outcome())),
                    assignment.outcomeAt()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at = occurredAt(report, assignment, now);
        Map<String, Object> evidence = evidence(assignment, agent, report, at);
        TaskId taskId = new TaskId(assignment.taskId());
        Map<String, Object> details = new LinkedHashMap<>(evidence);
        details.put("assignment", assignmentId);
        details.put("outcome", report.outcome().name());
        if (report.note() != null && !report.note().isBlank()) {
            details.put("note", report.note().strip());
        }
        audit.append(new AuditRecord(taskId.auditChain(), agent, "FIELD_OUTCOME", FieldAssignments.subject(assignmentId),
                "OPEN", report.outcome().name(), details));
        ServiceTask moved = report.outcome().serves()
                ? tasks.move(taskId, TaskTrigger.DELIVERED, agent, null, evidence)
                : tasks.move(taskId, TaskTrigger.CHANNEL_FAILED, agent, "当事人下落不明：送达地址查无此人", evidence);
        OutcomeResult result = new OutcomeResult(assignmentId, taskId.value(), report.outcome(), moved.state().name(),
                evidence);
        rows.recordOutcome(assignmentId, report.outcome(), key, at, json.writeValueAsString(result));
        return result;
    }

    private static Instant occurredAt(OutcomeReport report, FieldAssignment assignment, Instant now) {
        if (report.outcome() == null) {
            throw new InvalidRequestException("outcome", ProblemText.of("field.outcome-required",
                    "say what happened: SERVED_TO_PARTY, SERVED_TO_FAMILY, LODGED or NOT_FOUND"));
        }
        Instant at = report.occurredAt() == null ? now : report.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidRequestException("occurredAt", ProblemText.of("field.future",
                    "the outcome cannot lie in the future"));
        }
        if (at.isBefore(assignment.createdAt())) {
            throw new InvalidRequestException("occurredAt", ProblemText.of("field.before-assignment",
                    "the outcome cannot precede the assignment (" + assignment.createdAt() + ")", assignment.createdAt()));
        }
        return at;
    }

    /** The evidence keys the receipt reads; only those that apply to the outcome are present. */
    private Map<String, Object> evidence(FieldAssignment assignment, String agent, OutcomeReport report, Instant at) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("channel", "IN_PERSON");
        evidence.put("agent", agent);
        if (assignment.address() != null) {
            evidence.put("address", assignment.address());
        }
        switch (report.outcome()) {
            case SERVED_TO_PARTY -> evidence.put("recipient", present(report.recipient()) ? report.recipient().strip()
                    : assignment.partyName());
            case SERVED_TO_FAMILY -> {
                require(report.recipient(), "recipient", ProblemText.of("field.recipient-required",
                        "name the adult family member who took the documents"), violations);
                require(report.recipientRelation(), "recipientRelation", ProblemText.of("field.relation-required",
                        "say how the family member is related to the party (e.g. 配偶, 父亲)"), violations);
                putIfPresent(evidence, "recipient", report.recipient());
                putIfPresent(evidence, "recipientRelation", report.recipientRelation());
            }
            case LODGED -> {
                require(report.witness(), "witness", ProblemText.of("field.witness-required",
                        "a lodging needs the name of its witness"), violations);
                if (report.photos().isEmpty()) {
                    violations.add(new InvalidRequestException.Violation("photos", ProblemText.of("field.photo-required",
                            "a lodging needs a photo or video of the documents left (upload it first)")));
                }
                putIfPresent(evidence, "witness", report.witness());
                putIfPresent(evidence, "recipient", assignment.partyName());
            }
            case NOT_FOUND -> {
                putIfPresent(evidence, "witness", report.witness());
            }
        }
        for (String sha : report.photos()) {
            if (rows.upload(assignment.id(), sha).isEmpty()) {
                violations.add(new InvalidRequestException.Violation("photos", ProblemText.of("field.photo-unknown",
                        "no upload of this assignment has the SHA-256 " + sha, sha)));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(ProblemText.of("field.invalid",
                    violations.size() + " field(s) of the outcome are invalid", violations.size()), violations);
        }
        if (!report.photos().isEmpty()) {
            evidence.put("photoSha256", report.photos());
        }
        report.outcome().serviceDateRule().ifPresent(rule -> {
            evidence.put("serviceDate", at.toString());
            evidence.put("serviceDateRule", rule);
        });
        if (!report.outcome().serves()) {
            evidence.put("outcomeAt", at.toString());
        }
        return evidence;
    }

    private static void require(String value, String field, ProblemText message,
            List<InvalidRequestException.Violation> violations) {
        if (!present(value)) {
            violations.add(new InvalidRequestException.Violation(field, message));
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (present(value)) {
            map.put(key, value.strip());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
