package org.serveline.server.task;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.serveline.server.task.internal.ServiceTaskRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task feature's entry point: creates tasks and moves them through their life cycle. Every move is saved
 * with its {@link TaskStateChanged} event in one transaction, so the audit row exists before anything acts on it.
 */
@Service
public class ServiceTasks {

    private final ServiceTaskRepository repository;
    private final TaskRows rows;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ServiceTasks(ServiceTaskRepository repository, TaskRows rows, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.rows = rows;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public ServiceTask submit(NewTask spec, String actor) {
        ServiceTask saved = repository.save(ServiceTask.submit(spec, actor, now()));
        events.publishEvent(new TaskStateChanged(saved.id(), null, saved.state(), null, actor, null,
                saved.createdAt(), Map.of("court", saved.courtId(), "caseNumber", saved.caseNumber(),
                        "party", saved.party().name(), "documents", saved.documentIds(),
                        "phones", saved.phones().stream().map(PartyPhone::e164).toList(),
                        "channelChain", ServiceChannel.formatChain(saved.channelChain()))));
        return saved;
    }

    @Transactional
    public ServiceTask move(TaskId id, TaskTrigger trigger, String actor, String reason) {
        ServiceTask task = get(id);
        task.apply(trigger, actor, reason, now());
        rows.saveRoot(task);
        return task;
    }

    /** A move with the evidence it rests on (attempt, recording, consent digit and offset …). */
    @Transactional
    public ServiceTask move(TaskId id, TaskTrigger trigger, String actor, String reason, Map<String, Object> evidence) {
        return move(get(id), trigger, actor, reason, evidence);
    }

    /**
     * As {@link #move(TaskId, TaskTrigger, String, String, Map)}, on a task the caller has just loaded: saved only
     * if nobody changed it since (version check).
     */
    @Transactional
    public ServiceTask move(ServiceTask task, TaskTrigger trigger, String actor, String reason,
            Map<String, Object> evidence) {
        task.apply(trigger, actor, reason, evidence, now());
        rows.saveRoot(task);
        return task;
    }

    /**
     * The same move for a batch of tasks the caller has just loaded, saved together (one UPDATE per outcome, every
     * version checked) and audited together. Throws, and saves nothing, if any move is illegal.
     */
    @Transactional
    public List<ServiceTask> moveAll(List<ServiceTask> batch, TaskTrigger trigger, String actor,
            Map<String, Object> evidence) {
        if (batch.isEmpty()) {
            return batch;
        }
        Instant now = now();
        batch.forEach(task -> task.apply(trigger, actor, null, evidence, now));
        rows.saveRoots(batch);
        return batch;
    }

    /**
     * One trigger for a batch of tasks the caller has just loaded, each move with its own reason and evidence, in
     * one transaction: the rows locked in one read (id order), one UPDATE per outcome for the batch guarded by each
     * task's from-state and version, and the moves published as one {@link TaskStateChanges} (so audited with one
     * {@code appendAll}). Only tasks still as the caller loaded them (same state and version) move; the others are
     * reported back untouched. Every move is checked against {@link TaskLifecycle} first: an illegal one throws, and
     * nothing is saved.
     */
    @Transactional
    public MovedTasks moveEach(List<TaskMove> moves, TaskTrigger trigger, String actor) {
        if (moves.isEmpty()) {
            return new MovedTasks(List.of(), List.of());
        }
        if (moves.stream().map(m -> m.task().id()).distinct().count() != moves.size()) {
            throw new IllegalArgumentException("a task may move only once in a batch");
        }
        moves.forEach(m -> TaskLifecycle.next(m.task().state(), trigger, m.task().channelChain()));
        Set<TaskId> unchanged = rows.lockUnchanged(moves.stream().map(TaskMove::task).toList());
        Instant now = now();
        List<ServiceTask> moving = new ArrayList<>();
        List<TaskId> changed = new ArrayList<>();
        Map<TaskId, TaskState> from = new HashMap<>();
        for (TaskMove move : moves) {
            if (unchanged.contains(move.task().id())) {
                from.put(move.task().id(), move.task().state());
                move.task().apply(trigger, actor, move.reason(), move.evidence(), now);
                moving.add(move.task());
            } else {
                changed.add(move.task().id());
            }
        }
        if (!moving.isEmpty()) {
            rows.saveMoves(moving, from);
        }
        return new MovedTasks(moving, changed);
    }

    @Transactional
    public ServiceTask consent(TaskId id, String address, String actor, Map<String, Object> evidence) {
        return consent(get(id), address, actor, evidence);
    }

    /** As {@link #consent(TaskId, String, String, Map)}, on a task the caller has just loaded. */
    @Transactional
    public ServiceTask consent(ServiceTask task, String address, String actor, Map<String, Object> evidence) {
        task.consent(address, actor, evidence, now());
        rows.saveRoot(task);
        return task;
    }

    /**
     * Replaces a RETURNED task's party, numbers and documents with the clerk's correction; the audit trail records
     * what was there before and what is there now (TASK_CORRECTED) in the same transaction.
     */
    @Transactional
    public ServiceTask correct(TaskId id, Party party, List<String> e164s, List<String> documentIds, String actor) {
        ServiceTask task = get(id);
        Map<String, Object> before = snapshot(task);
        task.correct(party, e164s, documentIds, now());
        ServiceTask saved = repository.save(task);
        events.publishEvent(new TaskChanged(id, actor, "TASK_CORRECTED",
                Map.of("before", before, "after", snapshot(saved))));
        return saved;
    }

    private static Map<String, Object> snapshot(ServiceTask task) {
        Party p = task.party();
        Map<String, Object> party = new java.util.TreeMap<>();
        party.put("name", p.name());
        party.put("role", p.role() == null ? "" : p.role().name());
        party.put("idNumber", p.idNumber() == null ? "" : p.idNumber());
        party.put("email", p.email() == null ? "" : p.email());
        party.put("address", p.address() == null ? "" : p.address());
        party.put("timeZone", p.timeZone() == null ? "" : p.timeZone());
        return Map.of("party", party, "phones", task.phones().stream().map(PartyPhone::e164).toList(),
                "documents", task.documentIds());
    }

    /** One party's consent to electronic service, for {@link #consentAll}. */
    public record Consent(ServiceTask task, String address, Map<String, Object> evidence) {
    }

    /**
     * The consents of tasks the caller has just loaded, saved together (every version checked) and audited together
     * as one {@link TaskStateChanges}; for the settle batch. Throws, and saves nothing, if any move is illegal.
     */
    @Transactional
    public List<ServiceTask> consentAll(List<Consent> consents, String actor) {
        if (consents.isEmpty()) {
            return List.of();
        }
        Instant now = now();
        consents.forEach(c -> c.task().consent(c.address(), actor, c.evidence(), now));
        List<ServiceTask> batch = consents.stream().map(Consent::task).toList();
        rows.saveRoots(batch);
        return batch;
    }

    @Transactional
    public ServiceTask markPhoneBad(TaskId id, String e164, String actor, String why) {
        ServiceTask task = get(id);
        task.markPhoneBad(e164, now());
        events.publishEvent(new TaskChanged(id, actor, "PHONE_MARKED_BAD", Map.of("number", e164, "why", why)));
        return repository.save(task);
    }

    @Transactional
    public List<String> addPhones(TaskId id, List<String> e164s, String actor, String source) {
        ServiceTask task = get(id);
        List<String> added = task.addPhones(e164s, now());
        events.publishEvent(new TaskChanged(id, actor, "PHONES_ADDED", Map.of("numbers", added, "source", source)));
        repository.save(task);
        return added;
    }

    /**
     * The task as stored. Its three reads run without a transaction of their own (they join the caller's): the
     * notice and the dialer read tasks several times per call, and a read-only transaction costs five more round
     * trips on MariaDB.
     */
    public ServiceTask get(TaskId id) {
        return rows.load(List.of(id.value())).stream().findFirst().orElseThrow(() -> new TaskNotFoundException(id));
    }

    /** The tasks with these ids that exist, in no particular order. */
    public List<ServiceTask> getAll(List<TaskId> ids) {
        return rows.load(ids.stream().map(TaskId::value).toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
