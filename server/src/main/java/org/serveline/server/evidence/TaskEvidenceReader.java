package org.serveline.server.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.serveline.server.audit.AuditEvent;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.audit.AuditVerification;
import org.serveline.server.audit.AuditVerifier;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.document.Documents;
import org.serveline.server.evidence.TaskEvidence.Attempt;
import org.serveline.server.evidence.TaskEvidence.ChainCheck;
import org.serveline.server.evidence.TaskEvidence.Consent;
import org.serveline.server.evidence.TaskEvidence.Delivery;
import org.serveline.server.evidence.TaskEvidence.Document;
import org.serveline.server.evidence.TaskEvidence.Message;
import org.serveline.server.evidence.TaskEvidence.ReceiptRef;
import org.serveline.server.evidence.TaskEvidence.RecordingRef;
import org.serveline.server.evidence.TaskEvidence.Review;
import org.serveline.server.evidence.TaskEvidence.Served;
import org.serveline.server.evidence.TaskEvidence.Submission;
import org.serveline.server.receipt.Receipts;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.task.PartyPhone;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles a task's {@link TaskEvidence} from the task, its audit chain (the record of every move and its evidence),
 * its call attempts and their recordings, its receipt and a re-computation of its chain.
 */
@Service
public class TaskEvidenceReader {

    private static final Set<String> REVIEW_ACTIONS = Set.of("TASK_APPROVE", "TASK_RETURN", "TASK_RESUBMIT",
            "TASK_CANCEL");
    private static final Set<String> DELIVERY_ACTIONS = Set.of("DELIVERY_SENT", "DELIVERY_CONFIRMED",
            "DELIVERY_FAILED");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ServiceTasks tasks;
    private final AuditTrail audit;
    private final AuditVerifier verifier;
    private final CallAttempts attempts;
    private final Recordings recordings;
    private final Receipts receipts;
    private final Documents documents;
    private final JsonMapper json = JsonMapper.builder().build();

    TaskEvidenceReader(ServiceTasks tasks, AuditTrail audit, AuditVerifier verifier, CallAttempts attempts,
            Recordings recordings, Receipts receipts, Documents documents) {
        this.tasks = tasks;
        this.audit = audit;
        this.verifier = verifier;
        this.attempts = attempts;
        this.recordings = recordings;
        this.receipts = receipts;
        this.documents = documents;
    }

    /** The evidence of a task; {@link org.serveline.server.task.TaskNotFoundException} if there is none. */
    @Transactional(readOnly = true)
    public TaskEvidence read(TaskId id) {
        ServiceTask task = tasks.get(id);
        List<AuditEvent> chain = audit.chain(id.auditChain());
        return new TaskEvidence(id.value(), task.courtId(), task.caseNumber(), task.state(), submission(task),
                chain.stream().filter(e -> REVIEW_ACTIONS.contains(e.action()))
                        .map(e -> new Review(e.occurredAt(), e.actor(), e.action(), text(details(e).get("reason"))))
                        .toList(),
                attempts.forTask(id.value()).stream().map(this::attempt).toList(),
                consent(chain, task), delivery(chain), receipt(id), check(id));
    }

    private Submission submission(ServiceTask task) {
        List<Document> docs = task.documentIds().stream().map(d -> documents.find(d)
                .map(s -> new Document(d, s.fileName(), s.sha256(), s.size()))
                .orElse(new Document(d, null, null, 0))).toList();
        return new Submission(task.createdAt(), task.createdBy(), task.party().name(),
                task.party().role() == null ? null : task.party().role().name(),
                task.phones().stream().map(PartyPhone::e164).toList(), docs);
    }

    private Attempt attempt(CallAttempt a) {
        RecordingRef recording = recordings.ofAttempt(a.id()).map(TaskEvidenceReader::recording).orElse(null);
        return new Attempt(a.id(), a.createdAt(), a.number(), a.outcome() == null ? a.state().name() : a.outcome().name(),
                a.operator(), a.consentDigit(), a.decisionOffset() == null ? null : a.decisionOffset().toMillis(),
                recording);
    }

    private static RecordingRef recording(Recording r) {
        return new RecordingRef(r.id(), r.sha256(), r.durationMs(), r.consentOffsetMs(), r.storedAt(),
                r.originalRemovedAt() == null);
    }

    private Consent consent(List<AuditEvent> chain, ServiceTask task) {
        return chain.reversed().stream().filter(e -> "TASK_CONSENT_CAPTURED".equals(e.action())).findFirst()
                .map(e -> {
                    Map<String, Object> d = details(e);
                    String attemptId = text(d.get("attemptId"));
                    Long offset = d.get("consentOffsetMs") instanceof Number n ? Long.valueOf(n.longValue())
                            : d.get("decisionOffsetMs") instanceof Number m ? Long.valueOf(m.longValue())
                            : Optional.ofNullable(attemptId).flatMap(recordings::ofAttempt)
                                    .map(Recording::consentOffsetMs).orElse(null);
                    return new Consent(e.occurredAt(), e.actor(), attemptId, text(d.get("consentDigit")), offset,
                            text(d.get("scriptVersion")), task.electronicAddress());
                }).orElse(null);
    }

    private Delivery delivery(List<AuditEvent> chain) {
        List<Message> messages = chain.stream().filter(e -> DELIVERY_ACTIONS.contains(e.action())).map(e -> {
            Map<String, Object> d = details(e);
            return new Message(e.occurredAt(), e.action(), text(d.get("address")), text(d.get("deliveryReceipt")),
                    text(d.get("why")));
        }).toList();
        Served served = chain.reversed().stream().filter(e -> "SERVED".equals(e.after())).findFirst().map(e -> {
            Map<String, Object> d = details(e);
            String channel = Optional.ofNullable(text(d.get("channel"))).orElse(e.before());
            return new Served(e.occurredAt(), channel, text(d.get("address")), text(d.get("serviceDate")),
                    text(d.get("serviceDateRule")), text(d.get("deliveryReceipt")), e.actor());
        }).orElse(null);
        return new Delivery(messages, served);
    }

    private ReceiptRef receipt(TaskId id) {
        return receipts.find(id).map(r -> new ReceiptRef(r.displayCode(), r.sha256(), r.issuedAt(), r.serviceDate(),
                "/api/v1/tasks/" + id.value() + "/receipt", "/verify/" + r.displayCode())).orElse(null);
    }

    private ChainCheck check(TaskId id) {
        String chain = id.auditChain();
        AuditVerification v = verifier.verify(chain);
        String problem = v.firstBroken() != null ? v.firstBroken().reason()
                : !v.missingSinceAnchor().isEmpty() ? v.missingSinceAnchor().getFirst().reason()
                : v.anchor() != null && !v.anchor().intact() ? v.anchor().problem() : null;
        return new ChainCheck(chain, v.valid(), v.eventsChecked(), problem);
    }

    private Map<String, Object> details(AuditEvent event) {
        return event.details() == null || event.details().isBlank() ? Map.of() : json.readValue(event.details(), MAP);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
