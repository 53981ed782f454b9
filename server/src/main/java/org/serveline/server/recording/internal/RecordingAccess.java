package org.serveline.server.recording.internal;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.storage.RecordingNotFoundException;
import org.serveline.recordings.storage.RecordingStorage;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.Recordings;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.ProblemText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a recording's bytes for one person, for a stated reason, and audits it before a byte leaves. Bytes come only
 * from the content-addressed store, by the SHA-256 in the recording's row: nothing a request says is ever a path.
 */
@Service
public class RecordingAccess {

    private static final Logger log = LoggerFactory.getLogger(RecordingAccess.class);

    static final int MAX_REASON = 500;

    private final Recordings recordings;
    private final RecordingStorage storage;
    private final AuditTrail audit;
    private final RecordingAccessGrants grants;

    RecordingAccess(Recordings recordings, RecordingStorage storage, AuditTrail audit, RecordingAccessGrants grants) {
        this.recordings = recordings;
        this.storage = storage;
        this.audit = audit;
        this.grants = grants;
    }

    /** Bytes on their way out: what they are, which part of them, and the open stream (the caller closes it). */
    public record Opened(Recording recording, ObjectKind kind, String mediaType, ByteRange range, InputStream body) {
    }

    /** Opens the bytes for a reason stated with this request: every request is its own audit event. */
    @Transactional
    public Opened open(String id, ObjectKind kind, String rangeHeader, String reason, String actor) {
        Recordings.checkId(id);
        String why = requireReason(reason);
        return open(recordings.get(id), kind, rangeHeader, Map.of("reason", why), actor);
    }

    /**
     * Opens the Opus copy under an access grant (ADR 0022): the grant is checked on every request, and only the
     * first request served under it is the audit event, so a player's many Range requests are one listening.
     *
     * @throws AccessRefusedException if the grant does not let {@code actor} play this recording now
     */
    @Transactional
    public Opened openGranted(String id, String grantId, String rangeHeader, String actor) {
        Recordings.checkId(id);
        RecordingAccessGrants.Use use = grants.check(grantId, id, actor);
        Recording recording = recordings.get(id);
        // a request that fails (416, gone) rolls the claim back with the audit event: the next one is the first
        if (grants.claimFirstService(grantId)) {
            return open(recording, ObjectKind.COPY, rangeHeader, Map.of("reason", use.reason(), "accessId", grantId,
                    "accessGrantedAt", use.createdAt().toString()), actor);
        }
        return open(recording, ObjectKind.COPY, rangeHeader, null, actor);
    }

    /** Opens the bytes; with {@code audit} details (null: none) the access is an audit event before a byte leaves. */
    private Opened open(Recording recording, ObjectKind kind, String rangeHeader, Map<String, Object> audited,
            String actor) {
        String id = recording.id();
        if ((kind == ObjectKind.ORIGINAL ? recording.originalRemovedAt() : recording.copyRemovedAt()) != null) {
            throw new RecordingGoneException("the " + name(kind) + " of recording " + id
                    + " was removed by retention");
        }
        ContentAddress address = addressOf(recording, kind);
        long total = sizeOf(recording, address, kind);
        ByteRange range = ByteRange.of(rangeHeader, total);
        if (audited != null) {
            Map<String, Object> details = new HashMap<>(audited);
            details.put("recordingId", id);
            details.put("attemptId", recording.attemptId());
            details.put("recordingPart", recording.part());
            details.put("part", name(kind));
            details.put("sha256", address.sha256());
            details.put("range", range.describe());
            audit.append(new AuditRecord(recording.taskChain(), actor, "RECORDING_ACCESSED", "recording:" + id, null,
                    null, details));
        }
        InputStream body = storage.openRange(address, range.first(), range.length());
        String mediaType = kind == ObjectKind.ORIGINAL ? "audio/wav" : StoredRecording.COPY_MEDIA_TYPE;
        return new Opened(recording, kind, mediaType, range, body);
    }

    /** The reason a person gives for touching evidence: required, one line, at most 500 characters. */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason", ProblemText.of("recording.reason-required",
                    "state why you access this recording: header X-Access-Reason or query parameter reason"));
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("reason", ProblemText.of("recording.reason-long",
                    "the reason must be one line of at most " + MAX_REASON + " characters", MAX_REASON));
        }
        return trimmed;
    }

    private static ContentAddress addressOf(Recording recording, ObjectKind kind) {
        String sha256 = kind == ObjectKind.ORIGINAL ? recording.sha256() : recording.copySha256();
        try {
            return ContentAddress.parse(sha256);
        } catch (IllegalArgumentException e) {
            log.error("recording {} has an invalid stored address for its {}; refusing to serve it", recording.id(),
                    name(kind));
            throw new RecordingIntegrityException("recording " + recording.id()
                    + " has no valid content address for its "
                    + name(kind) + "; nothing is served", e);
        }
    }

    private long sizeOf(Recording recording, ContentAddress address, ObjectKind kind) {
        try {
            return storage.size(address);
        } catch (RecordingNotFoundException e) {
            log.error("the {} of recording {} ({}) is missing from the store", name(kind), recording.id(), address);
            throw new RecordingGoneException("the " + name(kind) + " of recording " + recording.id()
                    + " is not in the store");
        }
    }

    private static String name(ObjectKind kind) {
        return kind == ObjectKind.ORIGINAL ? "original" : "copy";
    }
}
