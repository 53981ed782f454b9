package org.serveline.server.recording.internal;

import java.time.Clock;
import java.util.Map;
import org.serveline.recordings.AttemptId;
import org.serveline.recordings.retention.LegalHolds;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Legal holds: a held recording survives retention. The store's hold file is written before the row commits and
 * removed only after the release commits, so any failure leaves the recording held (kept too long rather than lost);
 * the row and the audit event commit together.
 */
@Service
public class RecordingHolds {

    private static final Logger log = LoggerFactory.getLogger(RecordingHolds.class);

    private final RecordingRows rows;
    private final LegalHolds holds;
    private final AuditTrail audit;
    private final Clock clock;

    RecordingHolds(RecordingRows rows, LegalHolds holds, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Recording place(String id, String reason, String actor) {
        Recording recording = lock(id);
        String why = RecordingAccess.requireReason(reason);
        holds.place(AttemptId.of(recording.storeKey()), why, clock.instant());
        rows.setLegalHold(id, true, why);
        audit.append(new AuditRecord(recording.taskChain(), actor, "LEGAL_HOLD_PLACED", "recording:" + id,
                recording.legalHold() ? "HELD" : "NOT_HELD", "HELD",
                Map.of("recordingId", id, "sha256", recording.sha256(), "reason", why)));
        return rows.find(id).orElseThrow();
    }

    @Transactional
    public Recording release(String id, String reason, String actor) {
        Recording recording = lock(id);
        String why = RecordingAccess.requireReason(reason);
        if (!recording.legalHold()) {
            throw new ConflictException(ProblemText.of("recording.not-held",
                    "recording " + id + " is not on legal hold", id));
        }
        rows.setLegalHold(id, false, null);
        audit.append(new AuditRecord(recording.taskChain(), actor, "LEGAL_HOLD_RELEASED", "recording:" + id, "HELD",
                "NOT_HELD", Map.of("recordingId", id, "sha256", recording.sha256(), "reason", why,
                        "heldFor", String.valueOf(recording.legalHoldReason()))));
        // the store's hold goes only once the release is committed: until then the recording stays held
        AttemptId attempt = AttemptId.of(recording.storeKey());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    holds.release(attempt);
                } catch (RuntimeException e) {
                    log.error("legal hold on recording {} released in the database but the store still holds it;"
                            + " retention keeps it until the hold file {}.hold is removed", id, attempt, e);
                }
            }
        });
        return rows.find(id).orElseThrow();
    }

    private Recording lock(String id) {
        return rows.lock(Recordings.checkId(id)).orElseThrow(() -> new NotFoundException(ProblemText.of("recording.not-found", "no recording " + id, id)));
    }
}
