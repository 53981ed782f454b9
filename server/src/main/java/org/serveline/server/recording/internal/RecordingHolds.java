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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds: a held recording survives retention. The store's hold file is written first, so a failure after it
 * leaves the recording held (kept too long rather than lost); the row and the audit event commit together.
 */
@Service
public class RecordingHolds {

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
        holds.place(AttemptId.of(recording.attemptId()), why, clock.instant());
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
            throw new ConflictException("recording " + id + " is not on legal hold");
        }
        rows.setLegalHold(id, false, null);
        audit.append(new AuditRecord(recording.taskChain(), actor, "LEGAL_HOLD_RELEASED", "recording:" + id, "HELD",
                "NOT_HELD", Map.of("recordingId", id, "sha256", recording.sha256(), "reason", why,
                        "heldFor", String.valueOf(recording.legalHoldReason()))));
        // released last: if anything above fails, the recording stays held
        holds.release(AttemptId.of(recording.attemptId()));
        return rows.find(id).orElseThrow();
    }

    private Recording lock(String id) {
        return rows.lock(Recordings.checkId(id)).orElseThrow(() -> new NotFoundException("no recording " + id));
    }
}
