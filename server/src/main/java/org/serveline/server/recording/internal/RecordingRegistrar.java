package org.serveline.server.recording.internal;

import java.security.SecureRandom;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.ingest.IngestResult;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.call.AttemptState;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.CallOutcome;
import org.serveline.server.recording.AuditStatus;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.RecordingProperties;
import org.serveline.server.recording.RecordingStored;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links what the store holds to the call attempt, its task and its case: one {@code recording} row per recording of
 * the attempt (the call; and its keypad consent step, {@code <attempt>-consent}, as part 2) and a
 * {@code RECORDING_STORED} audit event citing the SHA-256, both in one transaction.
 */
@Component
class RecordingRegistrar {

    static final String ACTOR = "recordings";

    private final RecordingRows rows;
    private final CallAttempts attempts;
    private final ServiceTasks tasks;
    private final AuditTrail audit;
    private final ReviewSampling sampling;
    private final ApplicationEventPublisher events;

    RecordingRegistrar(RecordingRows rows, CallAttempts attempts, ServiceTasks tasks, AuditTrail audit,
            RecordingProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.rows = rows;
        this.attempts = attempts;
        this.tasks = tasks;
        this.audit = audit;
        this.sampling = new ReviewSampling(properties.reviewSampleRate(), new SecureRandom());
    }

    /** Registers a stored recording; repeating it is a no-op that returns the existing row. */
    @Transactional
    public Registration stored(StoredRecording stored) {
        String storeKey = stored.attemptId().value();
        Optional<Recording> existing = rows.findByStoreKey(storeKey);
        if (existing.isPresent()) {
            return new Registration.Linked(existing.get(), false);
        }
        // an attempt of exactly that id first; else <attempt>-consent, the consent step of <attempt>
        RecordingName name = RecordingName.asCall(storeKey);
        Optional<CallAttempt> found = attempts.find(storeKey);
        if (found.isEmpty()) {
            Optional<RecordingName> consentStep = RecordingName.asConsentStep(storeKey);
            found = consentStep.flatMap(n -> attempts.find(n.attemptId()));
            if (found.isPresent()) {
                name = consentStep.get();
            }
        }
        if (found.isEmpty()) {
            return new Registration.Unlinked(storeKey);
        }
        CallAttempt attempt = found.get();
        if (attempt.state() != AttemptState.ENDED) {
            return new Registration.Unsettled(storeKey);
        }
        ServiceTask task = tasks.get(new TaskId(attempt.taskId()));
        Recording recording = newRow(stored, attempt, task, name);
        boolean created = rows.insertIfAbsent(recording);
        if (created) {
            audit.append(new AuditRecord(recording.taskChain(), ACTOR, "RECORDING_STORED",
                    "recording:" + recording.id(), null, recording.auditStatus().name(), storedEvidence(recording)));
            events.publishEvent(new RecordingStored(recording.id(), recording.attemptId(), recording.taskId(),
                    recording.part(), recording.sha256()));
        }
        return new Registration.Linked(rows.findByStoreKey(storeKey).orElseThrow(), created);
    }

    /** Audits a quarantined recording on its task's chain (or the recordings chain if no attempt has its id). */
    @Transactional
    public void rejected(IngestResult.Rejected rejected) {
        String attemptId = rejected.attemptId().value();
        String chain = attempts.find(attemptId).map(a -> "task:" + a.taskId()).orElse(RecordingExpiries.CHAIN);
        Map<String, Object> details = new HashMap<>();
        details.put("attemptId", attemptId);
        details.put("reason", rejected.reason().name());
        details.put("detail", rejected.detail());
        details.put("quarantined", String.valueOf(rejected.quarantined()));
        audit.append(new AuditRecord(chain, ACTOR, "RECORDING_REJECTED", "attempt:" + attemptId, null,
                rejected.reason().name(), details));
    }

    /** Audits a recording stored under an id no call attempt has. */
    @Transactional
    public void unlinked(StoredRecording stored) {
        audit.append(new AuditRecord(RecordingExpiries.CHAIN, ACTOR, "RECORDING_UNLINKED",
                "attempt:" + stored.attemptId().value(), null, null,
                Map.of("attemptId", stored.attemptId().value(), "sha256", stored.sha256())));
    }

    private Recording newRow(StoredRecording stored, CallAttempt attempt, ServiceTask task, RecordingName name) {
        // only a consent makes it a consent call, and only a consent's offset is a consent offset; the offset is
        // into the call's recording (the consent step's recording has its own time line)
        boolean consent = attempt.outcome() == CallOutcome.CONSENTED;
        Long consentOffset = consent && attempt.decisionOffset() != null && name.part() == Recording.CALL
                ? attempt.decisionOffset().toMillis() : null;
        boolean sampled = !consent && sampling.draws();
        AuditStatus status = consent || sampled ? AuditStatus.IN_QUEUE : AuditStatus.UNREVIEWED;
        return new Recording(UUID.randomUUID().toString(), attempt.id(), attempt.taskId(), task.caseNumber(),
                attempt.operator(), attempt.outcome() == null ? null : attempt.outcome().name(), stored.sha256(),
                stored.copySha256(), stored.size(), stored.copySize(), stored.duration().toMillis(),
                stored.sampleRate(), stored.channels(), stored.storedAt().truncatedTo(ChronoUnit.MICROS),
                consentOffset, consent, sampled, status, false, null, null, null, name.part(), name.storeKey());
    }

    private static Map<String, Object> storedEvidence(Recording r) {
        Map<String, Object> details = new HashMap<>();
        details.put("recordingId", r.id());
        details.put("attemptId", r.attemptId());
        details.put("part", r.part());
        details.put("storeKey", r.storeKey());
        details.put("caseNumber", r.caseNumber());
        details.put("sha256", r.sha256());
        details.put("copySha256", r.copySha256());
        details.put("size", r.size());
        details.put("durationMs", r.durationMs());
        if (r.consentOffsetMs() != null) {
            details.put("consentOffsetMs", r.consentOffsetMs());
        }
        return details;
    }
}
