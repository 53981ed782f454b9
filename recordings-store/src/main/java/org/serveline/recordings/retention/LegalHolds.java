package org.serveline.recordings.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.internal.AtomicFiles;

/** Legal holds, one small durable file per held recording ({@code <dir>/<attemptId>.hold}). */
public final class LegalHolds {

    private final Path dir;

    public LegalHolds(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot create the legal hold folder " + dir + ": " + ex, ex);
        }
    }

    /** Places (or replaces) a hold on a recording. */
    public synchronized LegalHold place(AttemptId attemptId, String reason, Instant at) {
        LegalHold hold = new LegalHold(attemptId, reason, at);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("attemptId", attemptId.value());
        values.put("reason", reason);
        values.put("placedAt", at.toString());
        try {
            AtomicFiles.writeProperties(fileOf(attemptId), values);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot place a legal hold on " + attemptId + ": " + ex, ex);
        }
        return hold;
    }

    /** Releases the hold; returns the released hold, empty if there was none. */
    public synchronized Optional<LegalHold> release(AttemptId attemptId) {
        Optional<LegalHold> hold = find(attemptId);
        try {
            Files.deleteIfExists(fileOf(attemptId));
            AtomicFiles.fsyncDirectory(dir);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot release the legal hold on " + attemptId + ": " + ex, ex);
        }
        return hold;
    }

    public synchronized Optional<LegalHold> find(AttemptId attemptId) {
        try {
            Map<String, String> values = AtomicFiles.readProperties(fileOf(attemptId));
            return Optional.of(new LegalHold(attemptId, values.get("reason"), Instant.parse(values.get("placedAt"))));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException ex) {
            // an unreadable hold still holds: better keep a recording too long than delete evidence
            return Optional.of(new LegalHold(attemptId, "unreadable hold file: " + ex, Instant.EPOCH));
        }
    }

    public boolean isHeld(AttemptId attemptId) {
        return find(attemptId).isPresent();
    }

    private Path fileOf(AttemptId attemptId) {
        return dir.resolve(attemptId.value() + ".hold");
    }

}
