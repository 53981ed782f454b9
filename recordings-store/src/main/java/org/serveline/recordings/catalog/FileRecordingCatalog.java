package org.serveline.recordings.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.internal.AtomicFiles;

/** {@link RecordingCatalog} as one small properties file per attempt id ({@code <attemptId>.properties}). */
public final class FileRecordingCatalog implements RecordingCatalog {

    private static final String SUFFIX = ".properties";

    private final Path dir;

    public FileRecordingCatalog(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot create the recording catalogue at " + dir + ": " + ex, ex);
        }
    }

    @Override
    public synchronized Optional<CatalogEntry> find(AttemptId attemptId) {
        Path file = fileOf(attemptId);
        try {
            return Optional.of(fromProperties(AtomicFiles.readProperties(file)));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException ex) {
            throw new RecordingStoreException("cannot read catalogue entry " + file + ": " + ex, ex);
        }
    }

    @Override
    public synchronized void add(StoredRecording recording) {
        Optional<CatalogEntry> existing = find(recording.attemptId());
        if (existing.isPresent()) {
            if (!existing.get().recording().equals(recording)) {
                throw new RecordingStoreException("attempt " + recording.attemptId()
                        + " already has a different recording (sha256 " + existing.get().recording().sha256() + ")");
            }
            return;
        }
        write(CatalogEntry.kept(recording));
    }

    @Override
    public synchronized void markRemoved(AttemptId attemptId, ObjectKind kind, Instant at) {
        CatalogEntry entry = find(attemptId)
            .orElseThrow(() -> new RecordingStoreException("no catalogue entry for attempt " + attemptId));
        if (entry.holds(kind)) {
            write(entry.removed(kind, at));
        }
    }

    @Override
    public synchronized List<CatalogEntry> entries() {
        List<CatalogEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                find(AttemptId.of(name.substring(0, name.length() - SUFFIX.length()))).ifPresent(entries::add);
            }
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot list the recording catalogue " + dir + ": " + ex, ex);
        }
        return entries;
    }

    private Path fileOf(AttemptId attemptId) {
        return dir.resolve(attemptId.value() + SUFFIX);
    }

    private void write(CatalogEntry entry) {
        try {
            AtomicFiles.writeProperties(fileOf(entry.recording().attemptId()), toProperties(entry));
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot write catalogue entry for " + entry.recording().attemptId()
                    + ": " + ex, ex);
        }
    }

    private static Map<String, String> toProperties(CatalogEntry entry) {
        StoredRecording r = entry.recording();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("attemptId", r.attemptId().value());
        p.put("original.sha256", r.original().sha256());
        p.put("original.size", Long.toString(r.size()));
        p.put("original.mediaType", r.mediaType());
        p.put("original.codec", r.codec());
        p.put("original.duration", r.duration().toString());
        p.put("original.sampleRate", Integer.toString(r.sampleRate()));
        p.put("original.channels", Integer.toString(r.channels()));
        p.put("copy.sha256", r.copy().sha256());
        p.put("copy.size", Long.toString(r.copySize()));
        p.put("copy.duration", r.copyDuration().toString());
        p.put("storedAt", r.storedAt().toString());
        entry.originalRemovedAt().ifPresent(at -> p.put("original.removedAt", at.toString()));
        entry.copyRemovedAt().ifPresent(at -> p.put("copy.removedAt", at.toString()));
        return p;
    }

    private static CatalogEntry fromProperties(Map<String, String> p) {
        StoredRecording recording = new StoredRecording(AttemptId.of(p.get("attemptId")),
                new ContentAddress(p.get("original.sha256")), Long.parseLong(p.get("original.size")),
                p.get("original.mediaType"), p.get("original.codec"), Duration.parse(p.get("original.duration")),
                Integer.parseInt(p.get("original.sampleRate")), Integer.parseInt(p.get("original.channels")),
                new ContentAddress(p.get("copy.sha256")), Long.parseLong(p.get("copy.size")),
                Duration.parse(p.get("copy.duration")), Instant.parse(p.get("storedAt")));
        return new CatalogEntry(recording, Optional.ofNullable(p.get("original.removedAt")).map(Instant::parse),
                Optional.ofNullable(p.get("copy.removedAt")).map(Instant::parse));
    }
}
