package org.serveline.recordings.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.catalog.CatalogEntry;
import org.serveline.recordings.catalog.RecordingCatalog;
import org.serveline.recordings.media.AudioTools;
import org.serveline.recordings.storage.RecordingStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished recordings from the PBX's monitor spool into the store: probe, transcode to Opus, verify, store
 * both (content-addressed), commit to the catalogue, then remove the spool file. Called when a call ends
 * ({@link #ingest(AttemptId)}) and periodically as a safety net ({@link #scanSpool()}). Safe to call concurrently
 * and repeatedly: one ingest per attempt at a time, a finished ingest is not redone, an interrupted one resumes.
 * Bad input is quarantined, never lost and never half-stored.
 */
public final class RecordingIngest {

    private static final Logger log = LoggerFactory.getLogger(RecordingIngest.class);

    private static final int LOCK_STRIPES = 64;

    private final IngestSettings settings;

    private final RecordingCatalog catalog;

    private final Clock clock;

    private final SpoolFiles spool;

    private final Quarantine quarantine;

    private final IngestPipeline pipeline;

    private final Path journals;

    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public RecordingIngest(IngestSettings settings, RecordingStorage storage, RecordingCatalog catalog,
            AudioTools audio, Clock clock) {
        this(settings, storage, catalog, audio, clock, IngestInterceptor.NONE);
    }

    public RecordingIngest(IngestSettings settings, RecordingStorage storage, RecordingCatalog catalog,
            AudioTools audio, Clock clock, IngestInterceptor interceptor) {
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
        this.spool = new SpoolFiles(settings.spoolDir(), settings.extensions());
        this.quarantine = new Quarantine(settings.workDir().resolve("quarantine"));
        this.journals = settings.workDir().resolve("ingest");
        this.pipeline = new IngestPipeline(settings, storage, catalog, audio, clock, interceptor);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Ingests the attempt's spool file ({@code <attemptId>.wav}), or resumes its interrupted ingest.
     *
     * @throws IllegalArgumentException if the id is not a valid attempt id (e.g. contains a path)
     */
    public IngestResult ingest(String attemptId) {
        return ingest(AttemptId.of(attemptId));
    }

    public IngestResult ingest(AttemptId attemptId) {
        ReentrantLock lock = lockOf(attemptId);
        lock.lock();
        try {
            return ingestLocked(attemptId);
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Ingests one spool file.
     *
     * @throws IllegalArgumentException if the file is not directly in the spool or not named by a valid attempt id
     */
    public IngestResult ingest(Path spoolFile) {
        return ingest(spool.attemptOf(spoolFile));
    }

    /**
     * Ingests every settled spool file nobody claimed and resumes interrupted ingests; attempts being ingested right
     * now by another thread are skipped.
     */
    public List<IngestResult> scanSpool() {
        Set<AttemptId> due = new LinkedHashSet<>(interruptedIngests());
        due.addAll(spool.settled(clock.instant().minus(settings.settleTime())));
        List<IngestResult> results = new ArrayList<>();
        for (AttemptId attemptId : due) {
            ReentrantLock lock = lockOf(attemptId);
            if (lock.tryLock()) {
                try {
                    results.add(ingestLocked(attemptId));
                }
                finally {
                    lock.unlock();
                }
            }
        }
        return results;
    }

    private IngestResult ingestLocked(AttemptId attemptId) {
        Path dir = journals.resolve(attemptId.value());
        Optional<Path> spoolFile = spool.find(attemptId);
        IngestStep step = IngestStep.PROBE;
        try {
            Optional<IngestJournal> journal = IngestJournal.load(dir);
            if (journal.isEmpty()) {
                Optional<CatalogEntry> stored = catalog.find(attemptId);
                if (stored.isPresent()) {
                    return alreadyStored(stored.get(), spoolFile);
                }
                if (spoolFile.isEmpty()) {
                    return new IngestResult.Missing(attemptId);
                }
                journal = Optional.of(IngestJournal.start(dir, IngestPipeline.spoolIdentity(attemptId, spoolFile.get())));
            }
            step = journal.get().next().orElse(IngestStep.RELEASE_SPOOL);
            Path file = spool.dir().resolve(journal.get().get("spool.file"));
            IngestResult.Stored stored = new IngestResult.Stored(pipeline.run(attemptId, journal.get(), file));
            log.info("stored recording of attempt {}: sha256 {}, {} bytes, {}; copy sha256 {}", attemptId,
                    stored.recording().sha256(), stored.recording().size(), stored.recording().duration(),
                    stored.recording().copySha256());
            return stored;
        }
        catch (IngestRejection rejection) {
            return reject(attemptId, spoolFile, dir, rejection);
        }
        catch (IOException | UncheckedIOException | RecordingStoreException ex) {
            step = pendingStep(dir).orElse(step);
            log.error("ingest of attempt {} failed at {}; the spool file is intact and the ingest resumes on the next"
                    + " try: {}", attemptId, step, ex.toString());
            return new IngestResult.Failed(attemptId, step, ex.getMessage());
        }
    }

    private IngestResult alreadyStored(CatalogEntry entry, Optional<Path> spoolFile) throws IOException {
        if (spoolFile.isPresent()) {
            if (!sha256Of(spoolFile.get()).equals(entry.recording().sha256())) {
                return reject(entry.recording().attemptId(), spoolFile, null,
                        new IngestRejection(RejectReason.CONFLICT, "attempt " + entry.recording().attemptId()
                                + " already has a stored recording with other bytes (sha256 "
                                + entry.recording().sha256() + "); the store never overwrites"));
            }
            Files.delete(spoolFile.get());
            log.info("spool file {} was already stored (sha256 {}); removed it", spoolFile.get(),
                    entry.recording().sha256());
        }
        return new IngestResult.AlreadyStored(entry.recording());
    }

    private IngestResult reject(AttemptId attemptId, Optional<Path> spoolFile, Path journalDir,
            IngestRejection rejection) {
        try {
            Path quarantined = spoolFile.isPresent()
                    ? quarantine.admit(attemptId, spoolFile.get(), rejection.reason(), rejection.getMessage(),
                            clock.instant())
                    : null;
            if (journalDir != null) {
                IngestJournal.delete(journalDir);
            }
            log.warn("rejected the recording of attempt {} ({}): {}; moved to {} for a human", attemptId,
                    rejection.reason(), rejection.getMessage(), quarantined);
            return new IngestResult.Rejected(attemptId, rejection.reason(), rejection.getMessage(), quarantined);
        }
        catch (IOException ex) {
            log.error("could not quarantine the recording of attempt {} ({}): {}", attemptId, rejection.getMessage(),
                    ex.toString());
            return new IngestResult.Failed(attemptId, IngestStep.PROBE, "rejected (" + rejection.reason()
                    + ") but could not quarantine: " + ex.getMessage());
        }
    }

    /** Ingests whose journal survived a crash, including those whose spool file is already gone. */
    private List<AttemptId> interruptedIngests() {
        if (!Files.isDirectory(journals)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(journals)) {
            return dirs.filter(dir -> Files.exists(dir.resolve(IngestJournal.FILE)))
                .map(dir -> dir.getFileName().toString())
                .sorted()
                .map(AttemptId::of)
                .toList();
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot list interrupted ingests in " + journals + ": " + ex, ex);
        }
    }

    private static Optional<IngestStep> pendingStep(Path journalDir) {
        try {
            return IngestJournal.load(journalDir).flatMap(IngestJournal::next);
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private ReentrantLock lockOf(AttemptId attemptId) {
        return locks[Math.floorMod(attemptId.hashCode(), LOCK_STRIPES)];
    }

    private static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
