package org.serveline.server.recording.internal;

import java.util.HashMap;
import java.util.Map;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.retention.ExpiryListener;
import org.serveline.recordings.retention.RecordingExpired;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.recording.Recording;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Told by the store's retention of each removal: marks the row and writes a RECORDING_EXPIRED audit event. */
@Component
class RecordingExpiries implements ExpiryListener {

    /** The audit chain of events that belong to the store rather than to one task. */
    static final String CHAIN = "recordings";

    private final RecordingRows rows;
    private final AuditTrail audit;

    RecordingExpiries(RecordingRows rows, AuditTrail audit) {
        this.rows = rows;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void expired(RecordingExpired expired) {
        String attemptId = expired.attemptId().value();
        rows.markRemoved(attemptId, expired.kind() == ObjectKind.ORIGINAL, expired.removedAt());
        Map<String, Object> details = new HashMap<>();
        details.put("attemptId", attemptId);
        details.put("kind", expired.kind().name());
        details.put("sha256", expired.address().sha256());
        details.put("storedAt", expired.storedAt().toString());
        rows.findByStoreKey(attemptId).map(Recording::id).ifPresent(id -> details.put("recordingId", id));
        audit.append(new AuditRecord(CHAIN, "retention", "RECORDING_EXPIRED", "attempt:" + attemptId, "KEPT",
                "REMOVED", details));
    }
}
