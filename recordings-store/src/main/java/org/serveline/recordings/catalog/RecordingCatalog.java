package org.serveline.recordings.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.StoredRecording;

/**
 * The store's own index of committed recordings, one per attempt id. It lets ingest be idempotent and retention find
 * what is due without a database; the server keeps its richer metadata (task, case, audit) in its own database.
 */
public interface RecordingCatalog {

    Optional<CatalogEntry> find(AttemptId attemptId);

    /**
     * Records a committed recording. Adding the same recording again is a no-op; a different recording for an attempt
     * id already present is refused (nothing is ever overwritten).
     *
     * @throws org.serveline.recordings.RecordingStoreException on a conflicting entry
     */
    void add(StoredRecording recording);

    /** Notes that retention removed one part of a recording. */
    void markRemoved(AttemptId attemptId, ObjectKind kind, Instant at);

    List<CatalogEntry> entries();
}
