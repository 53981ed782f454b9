package org.serveline.recordings.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.catalog.CatalogEntry;
import org.serveline.recordings.catalog.RecordingCatalog;
import org.serveline.recordings.storage.RecordingStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes originals and copies whose retention period has passed, except recordings on legal hold. The catalogue
 * entry stays, marked with the removal time, so what existed and when it went remains known.
 */
public final class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final RecordingCatalog catalog;

    private final RecordingStorage storage;

    private final LegalHolds holds;

    private final RetentionPolicy policy;

    private final ExpiryListener listener;

    public RetentionService(RecordingCatalog catalog, RecordingStorage storage, LegalHolds holds,
            RetentionPolicy policy, ExpiryListener listener) {
        this.catalog = catalog;
        this.storage = storage;
        this.holds = holds;
        this.policy = policy;
        this.listener = listener;
    }

    /** Removes what is due at {@code now} and not held; returns what it removed, each also told to the listener. */
    public synchronized List<RecordingExpired> expire(Instant now) {
        List<CatalogEntry> entries = catalog.entries();
        List<RecordingExpired> removed = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            if (holds.isHeld(entry.recording().attemptId())) {
                continue;
            }
            for (ObjectKind kind : ObjectKind.values()) {
                if (entry.holds(kind) && isDue(entry, kind, now)) {
                    removed.add(remove(entry, kind, now, entries));
                }
            }
        }
        return removed;
    }

    private boolean isDue(CatalogEntry entry, ObjectKind kind, Instant now) {
        return !entry.recording().storedAt().plus(policy.period(kind)).isAfter(now);
    }

    private RecordingExpired remove(CatalogEntry entry, ObjectKind kind, Instant now, List<CatalogEntry> entries) {
        ContentAddress address = entry.address(kind);
        // identical bytes are stored once: keep the object while another recording still needs it
        if (!stillNeeded(address, entry, now, entries)) {
            storage.delete(address);
        }
        catalog.markRemoved(entry.recording().attemptId(), kind, now);
        RecordingExpired expired = new RecordingExpired(entry.recording().attemptId(), kind, address,
                entry.recording().storedAt(), now);
        log.info("retention removed the {} of attempt {} ({}), stored {}", kind, expired.attemptId(), address,
                expired.storedAt());
        listener.expired(expired);
        return expired;
    }

    private boolean stillNeeded(ContentAddress address, CatalogEntry self, Instant now, List<CatalogEntry> entries) {
        for (CatalogEntry other : entries) {
            if (other.recording().attemptId().equals(self.recording().attemptId())) {
                continue;
            }
            for (ObjectKind kind : ObjectKind.values()) {
                if (other.address(kind).equals(address) && other.holds(kind)
                        && (holds.isHeld(other.recording().attemptId()) || !isDue(other, kind, now))) {
                    return true;
                }
            }
        }
        return false;
    }
}
