package org.serveline.recordings.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.StoredRecording;

/**
 * A recording as the catalogue knows it: what was stored, and when retention removed each part (empty while kept).
 */
public record CatalogEntry(StoredRecording recording, Optional<Instant> originalRemovedAt,
        Optional<Instant> copyRemovedAt) {

    public CatalogEntry {
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(originalRemovedAt, "originalRemovedAt");
        Objects.requireNonNull(copyRemovedAt, "copyRemovedAt");
    }

    public static CatalogEntry kept(StoredRecording recording) {
        return new CatalogEntry(recording, Optional.empty(), Optional.empty());
    }

    public Optional<Instant> removedAt(ObjectKind kind) {
        return kind == ObjectKind.ORIGINAL ? originalRemovedAt : copyRemovedAt;
    }

    public boolean holds(ObjectKind kind) {
        return removedAt(kind).isEmpty();
    }

    public ContentAddress address(ObjectKind kind) {
        return kind == ObjectKind.ORIGINAL ? recording.original() : recording.copy();
    }

    CatalogEntry removed(ObjectKind kind, Instant at) {
        return kind == ObjectKind.ORIGINAL ? new CatalogEntry(recording, Optional.of(at), copyRemovedAt)
                : new CatalogEntry(recording, originalRemovedAt, Optional.of(at));
    }
}
