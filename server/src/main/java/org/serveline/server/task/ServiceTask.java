package org.serveline.server.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.serveline.server.web.ProblemText;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One party of a case to be served with a set of documents: the aggregate the whole workflow turns on. Its
 * state changes only through {@link #apply}, which consults {@link TaskLifecycle} and registers a
 * {@link TaskStateChanged} event that the audit trail records in the same transaction.
 */
@Table("service_task")
public class ServiceTask extends AbstractAggregateRoot<ServiceTask> {

    @Id
    private Long id;
    private final String courtId;
    private final Long caseId;
    private final String caseNumber;
    private final Long batchId;
    private TaskState state;
    private final String channelChain;
    private final Priority priority;
    private final LocalDate deadline;
    private final LocalDate hearingDate;
    private final LocalTime hearingTime;
    private String returnReason;
    private String cancelReason;
    private String electronicAddress;
    @Embedded.Nullable(prefix = "party_")
    private Party party;
    @MappedCollection(idColumn = "service_task", keyColumn = "service_task_key")
    private final List<PartyPhone> phones;
    @MappedCollection(idColumn = "service_task", keyColumn = "service_task_key")
    private final List<TaskDocument> documents;
    private final String createdBy;
    private final Instant createdAt;
    private Instant updatedAt;
    @Version
    private Integer version;

    @PersistenceCreator
    ServiceTask(Long id, String courtId, Long caseId, String caseNumber, Long batchId, TaskState state, String channelChain,
            Priority priority, LocalDate deadline, LocalDate hearingDate, String returnReason, String cancelReason,
            String electronicAddress, Party party, List<PartyPhone> phones, List<TaskDocument> documents, String createdBy,
            Instant createdAt, Instant updatedAt, Integer version, LocalTime hearingTime) {
        this.id = id;
        this.courtId = courtId;
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.batchId = batchId;
        this.state = state;
        this.channelChain = channelChain;
        this.priority = priority;
        this.deadline = deadline;
        this.hearingDate = hearingDate;
        this.hearingTime = hearingTime;
        this.returnReason = returnReason;
        this.cancelReason = cancelReason;
        this.electronicAddress = electronicAddress;
        this.party = party;
        this.phones = new ArrayList<>(phones);
        this.documents = new ArrayList<>(documents);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A new task, SUBMITTED, with the court's channel chain fixed for its whole life. */
    public static ServiceTask submit(NewTask spec, String actor, Instant now) {
        return new ServiceTask(null, spec.courtId(), spec.caseId(), spec.caseNumber(), spec.batchId(), TaskState.SUBMITTED,
                ServiceChannel.formatChain(spec.channelChain()), spec.priority(), spec.deadline(),
                spec.hearingDate(), null, null, null, spec.party(),
                spec.phones().stream().map(n -> new PartyPhone(n, PartyPhone.PhoneStatus.UNTRIED)).toList(),
                spec.documentIds().stream().map(TaskDocument::new).toList(), actor, now, now, null, spec.hearingTime());
    }

    /** Moves the task by the life-cycle table; throws {@link IllegalTransitionException} for an illegal move. */
    public TaskState apply(TaskTrigger trigger, String actor, String reason, Instant now) {
        return apply(trigger, actor, reason, Map.of(), now);
    }

    /** As {@link #apply(TaskTrigger, String, String, Instant)}, with the evidence the move rests on. */
    public TaskState apply(TaskTrigger trigger, String actor, String reason, Map<String, Object> evidence,
            Instant now) {
        TaskState from = state;
        TaskState to = TaskLifecycle.next(from, trigger, channelChain());
        if ((trigger == TaskTrigger.RETURN || trigger == TaskTrigger.CANCEL) && (reason == null || reason.isBlank())) {
            throw new IllegalTransitionException(from, trigger, ProblemText.of("task.reason-required",
                    "a reason is required"));
        }
        switch (trigger) {
            case RETURN -> returnReason = reason;
            case CANCEL -> cancelReason = reason;
            case RESUBMIT -> returnReason = null;
            default -> { }
        }
        state = to;
        updatedAt = now;
        registerEvent(new TaskStateChanged(id(), from, to, trigger, actor, reason, now, evidence));
        return to;
    }

    /**
     * The party consented to electronic service on a recorded call and confirmed where to send the documents;
     * the evidence names the attempt, the recording, the digit and its offset.
     */
    public TaskState consent(String address, String actor, Map<String, Object> evidence, Instant now) {
        TaskState to = apply(TaskTrigger.CONSENT_CAPTURED, actor, null, evidence, now);
        electronicAddress = address;
        return to;
    }

    /**
     * The clerk's correction of a RETURNED task before resubmitting it: the party, its numbers (tried in this order,
     * all UNTRIED again) and the documents replace what was submitted. Any other state throws.
     */
    public void correct(Party corrected, List<String> e164s, List<String> documentIds, Instant now) {
        if (state != TaskState.RETURNED) {
            throw new IllegalTransitionException(state, TaskTrigger.RESUBMIT, ProblemText.of("task.correct-returned",
                    "only a returned task can be corrected before it is resubmitted"));
        }
        party = Objects.requireNonNull(corrected, "party");
        phones.clear();
        e164s.forEach(n -> phones.add(new PartyPhone(n, PartyPhone.PhoneStatus.UNTRIED)));
        documents.clear();
        documentIds.forEach(d -> documents.add(new TaskDocument(d)));
        updatedAt = now;
    }

    /** A number that cannot be dialled (invalid, disconnected) is kept, marked BAD, and skipped from then on. */
    public void markPhoneBad(String e164, Instant now) {
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i).e164().equals(e164)) {
                phones.set(i, new PartyPhone(e164, PartyPhone.PhoneStatus.BAD));
                updatedAt = now;
            }
        }
    }

    /** New numbers proposed by a contact lookup, appended after the known ones (duplicates ignored). */
    public List<String> addPhones(List<String> e164s, Instant now) {
        List<String> added = e164s.stream().distinct()
                .filter(n -> phones.stream().noneMatch(p -> p.e164().equals(n))).toList();
        added.forEach(n -> phones.add(new PartyPhone(n, PartyPhone.PhoneStatus.UNTRIED)));
        if (!added.isEmpty()) {
            updatedAt = now;
        }
        return added;
    }

    public String electronicAddress() {
        return electronicAddress;
    }

    public TaskId id() {
        return id == null ? null : new TaskId(id);
    }

    public TaskState state() {
        return state;
    }

    public Optional<ServiceChannel> currentChannel() {
        return state.channel();
    }

    public List<ServiceChannel> channelChain() {
        return ServiceChannel.parseChain(channelChain);
    }

    public String courtId() {
        return courtId;
    }

    public Long caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public Long batchId() {
        return batchId;
    }

    public Priority priority() {
        return priority;
    }

    public LocalDate deadline() {
        return deadline;
    }

    public LocalDate hearingDate() {
        return hearingDate;
    }

    /** The hearing's time of day, when the court has set one (never without a hearing date). */
    public LocalTime hearingTime() {
        return hearingTime;
    }

    public String returnReason() {
        return returnReason;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public Party party() {
        return party;
    }

    public List<PartyPhone> phones() {
        return List.copyOf(phones);
    }

    public List<String> documentIds() {
        return documents.stream().map(TaskDocument::documentId).toList();
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return Objects.requireNonNullElse(version, 0);
    }

    /** After {@link TaskRows#saveRoot}: the row now carries the next version. */
    void savedAsNextVersion() {
        version = version() + 1;
    }

    /** The events registered since the last save, handed over once for publishing. */
    List<Object> takeEvents() {
        List<Object> pending = List.copyOf(domainEvents());
        clearDomainEvents();
        return pending;
    }
}
