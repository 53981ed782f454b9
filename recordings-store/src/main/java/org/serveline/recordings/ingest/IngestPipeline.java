package org.serveline.recordings.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.catalog.RecordingCatalog;
import org.serveline.recordings.media.AudioInfo;
import org.serveline.recordings.media.AudioTools;
import org.serveline.recordings.media.MediaException;
import org.serveline.recordings.media.NotAudioException;
import org.serveline.recordings.media.WavHeader;
import org.serveline.recordings.storage.RecordingStorage;

/** Runs the journalled steps of one ingest; see {@link IngestStep}. */
final class IngestPipeline {

    static final String COPY_FILE = "copy.opus";

    private final IngestSettings settings;

    private final RecordingStorage storage;

    private final RecordingCatalog catalog;

    private final AudioTools audio;

    private final Clock clock;

    private final IngestInterceptor interceptor;

    IngestPipeline(IngestSettings settings, RecordingStorage storage, RecordingCatalog catalog, AudioTools audio,
            Clock clock, IngestInterceptor interceptor) {
        this.settings = settings;
        this.storage = storage;
        this.catalog = catalog;
        this.audio = audio;
        this.clock = clock;
        this.interceptor = interceptor;
    }

    /** Journal fields that identify the spool file an ingest started from. */
    static Map<String, String> spoolIdentity(AttemptId attemptId, Path spoolFile) throws IOException {
        return Map.of("attemptId", attemptId.value(), "spool.file", spoolFile.getFileName().toString(), "spool.size",
                Long.toString(Files.size(spoolFile)), "spool.modified",
                Files.getLastModifiedTime(spoolFile).toInstant().toString());
    }

    /** Runs every step not yet journalled; returns the stored recording. */
    StoredRecording run(AttemptId attemptId, IngestJournal journal, Path spoolFile) throws IOException {
        for (Optional<IngestStep> step = journal.next(); step.isPresent(); step = journal.next()) {
            interceptor.beforeStep(attemptId, step.get());
            Map<String, String> found = execute(step.get(), journal, spoolFile);
            interceptor.afterStep(attemptId, step.get());
            if (step.get() == IngestStep.RELEASE_SPOOL) {
                IngestJournal.delete(journal.dir());
                break;
            }
            journal.complete(step.get(), found);
        }
        return recordingOf(attemptId, journal);
    }

    private Map<String, String> execute(IngestStep step, IngestJournal journal, Path spoolFile) throws IOException {
        return switch (step) {
            case PROBE -> probe(spoolFile);
            case TRANSCODE -> transcode(spoolFile, journal.dir().resolve(COPY_FILE));
            case VERIFY -> verify(journal);
            case STORE_ORIGINAL -> storeOriginal(journal, spoolFile);
            case STORE_COPY -> storeCopy(journal);
            case COMMIT -> commit(journal);
            case RELEASE_SPOOL -> release(journal, spoolFile);
        };
    }

    private Map<String, String> probe(Path spoolFile) throws IOException {
        requireSpool(spoolFile);
        if (Files.size(spoolFile) == 0) {
            throw new IngestRejection(RejectReason.EMPTY, spoolFile.getFileName() + " is empty (0 bytes)");
        }
        long missing = WavHeader.missingBytes(spoolFile);
        if (missing > 0) {
            throw new IngestRejection(RejectReason.TRUNCATED, spoolFile.getFileName() + " is truncated: its WAV header"
                    + " announces " + missing + " more bytes of audio than the file holds");
        }
        AudioInfo info;
        try {
            info = audio.probe(spoolFile);
        }
        catch (NotAudioException ex) {
            throw new IngestRejection(RejectReason.NOT_AUDIO, ex.getMessage());
        }
        return Map.of("original.mediaType", info.mediaType(), "original.codec", info.codec(), "original.duration",
                info.duration().toString(), "original.sampleRate", Integer.toString(info.sampleRate()),
                "original.channels", Integer.toString(info.channels()));
    }

    private Map<String, String> transcode(Path spoolFile, Path copy) {
        requireSpool(spoolFile);
        try {
            audio.transcodeToOpus(spoolFile, copy, settings.opus());
        }
        catch (NotAudioException ex) {
            throw new IngestRejection(RejectReason.NOT_AUDIO, ex.getMessage());
        }
        catch (MediaException ex) {
            throw new IngestRejection(RejectReason.UNDECODABLE, ex.getMessage());
        }
        return Map.of();
    }

    private Map<String, String> verify(IngestJournal journal) {
        Duration decoded;
        try {
            decoded = audio.verifyDecodes(journal.dir().resolve(COPY_FILE));
        }
        catch (MediaException ex) {
            throw new IngestRejection(RejectReason.UNDECODABLE, "the Opus copy does not decode: " + ex.getMessage());
        }
        Duration original = Duration.parse(journal.get("original.duration"));
        Duration difference = decoded.minus(original).abs();
        if (difference.compareTo(settings.durationTolerance()) > 0) {
            throw new IngestRejection(RejectReason.DURATION_MISMATCH, "the copy lasts " + decoded
                    + " but the original " + original + " (tolerance " + settings.durationTolerance() + ")");
        }
        return Map.of("copy.duration", decoded.toString());
    }

    private Map<String, String> storeOriginal(IngestJournal journal, Path spoolFile) throws IOException {
        requireSpool(spoolFile);
        if (!spoolIdentity(AttemptId.of(journal.get("attemptId")), spoolFile).entrySet()
            .stream()
            .allMatch(e -> e.getValue().equals(journal.get(e.getKey())))) {
            IngestJournal.delete(journal.dir());
            throw new IOException(spoolFile.getFileName() + " changed since the ingest began; it starts over next time");
        }
        ContentAddress original = storage.put(spoolFile);
        return Map.of("original.sha256", original.sha256(), "original.size", Long.toString(Files.size(spoolFile)));
    }

    private Map<String, String> storeCopy(IngestJournal journal) throws IOException {
        Path copy = journal.dir().resolve(COPY_FILE);
        ContentAddress address = storage.put(copy);
        // the commit time is fixed here, before the commit, so a repeated commit writes the identical entry
        return Map.of("copy.sha256", address.sha256(), "copy.size", Long.toString(Files.size(copy)), "storedAt",
                clock.instant().toString());
    }

    private Map<String, String> commit(IngestJournal journal) {
        ContentAddress original = new ContentAddress(journal.get("original.sha256"));
        ContentAddress copy = new ContentAddress(journal.get("copy.sha256"));
        if (!storage.exists(original) || !storage.exists(copy)) {
            throw new RecordingStoreException("storage lost an object of " + journal.get("attemptId") + " before commit");
        }
        catalog.add(recordingOf(AttemptId.of(journal.get("attemptId")), journal));
        return Map.of();
    }

    private Map<String, String> release(IngestJournal journal, Path spoolFile) throws IOException {
        if (Files.exists(spoolFile) && Files.size(spoolFile) == Long.parseLong(journal.get("spool.size"))) {
            Files.delete(spoolFile);
        }
        return Map.of();
    }

    private static void requireSpool(Path spoolFile) {
        if (!Files.isRegularFile(spoolFile)) {
            throw new RecordingStoreException("the spool file " + spoolFile + " vanished during its ingest");
        }
    }

    static StoredRecording recordingOf(AttemptId attemptId, IngestJournal journal) {
        return new StoredRecording(attemptId, new ContentAddress(journal.get("original.sha256")),
                Long.parseLong(journal.get("original.size")), journal.get("original.mediaType"),
                journal.get("original.codec"), Duration.parse(journal.get("original.duration")),
                Integer.parseInt(journal.get("original.sampleRate")),
                Integer.parseInt(journal.get("original.channels")), new ContentAddress(journal.get("copy.sha256")),
                Long.parseLong(journal.get("copy.size")), Duration.parse(journal.get("copy.duration")),
                Instant.parse(journal.get("storedAt")));
    }
}
