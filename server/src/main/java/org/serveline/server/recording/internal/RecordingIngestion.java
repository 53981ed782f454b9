package org.serveline.server.recording.internal;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.catalog.CatalogEntry;
import org.serveline.recordings.catalog.RecordingCatalog;
import org.serveline.recordings.ingest.IngestResult;
import org.serveline.recordings.ingest.RecordingIngest;
import org.serveline.server.call.CallAttemptSettled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ingests recordings: when an answered attempt settles (after its transaction commits, on a virtual thread, so the
 * settling caller never waits for ffmpeg), and periodically from the spool as a safety net for files nobody claimed.
 * The first scan after start-up also links stored recordings the database does not know yet (a crash between the
 * store's commit and the row's).
 */
@Component
public class RecordingIngestion implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RecordingIngestion.class);

    private final RecordingIngest ingest;
    private final RecordingCatalog catalog;
    private final RecordingRegistrar registrar;
    private final RecordingSpool spool;
    private final ExecutorService handOff = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean reconciled = new AtomicBoolean();
    private final AtomicBoolean warnedNoSpool = new AtomicBoolean();

    RecordingIngestion(RecordingIngest ingest, RecordingCatalog catalog, RecordingRegistrar registrar,
            RecordingSpool spool) {
        this.ingest = ingest;
        this.catalog = catalog;
        this.registrar = registrar;
        this.spool = spool;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onSettled(CallAttemptSettled settled) {
        if (settled.attempt().recordingStartedAt() == null) {
            return;
        }
        String attemptId = settled.attempt().id();
        try {
            handOff.execute(() -> {
                ingest(attemptId);
                // the keypad consent step an operator handed the party to recorded apart: the call's second recording
                spool.consentStep(attemptId).ifPresent(this::ingest);
            });
        } catch (RejectedExecutionException e) {
            log.warn("shutting down: the recording of attempt {} is left to the next spool scan", attemptId);
        }
    }

    /** Ingests one attempt's recording now and links it; what the settle event does, callable directly. */
    public void ingest(String attemptId) {
        try {
            handle(ingest.ingest(attemptId));
        } catch (RuntimeException e) {
            log.error("ingest of the recording of attempt {} failed; the next spool scan retries it", attemptId, e);
        }
    }

    /** Ingests every settled spool file nobody claimed, and resumes interrupted ingests. */
    @Scheduled(fixedDelayString = "${serveline.recordings.scan-interval:PT30S}",
            initialDelayString = "${serveline.recordings.scan-interval:PT30S}")
    public void scan() {
        if (reconciled.compareAndSet(false, true)) {
            linkUnregistered();
        }
        if (!Files.isDirectory(spool.dir())) {
            if (warnedNoSpool.compareAndSet(false, true)) {
                log.warn("the recording spool {} does not exist; nothing to ingest until it does "
                        + "(serveline.recordings.spool-dir)", spool.dir());
            }
            return;
        }
        try {
            ingest.scanSpool().forEach(this::handle);
        } catch (RuntimeException e) {
            log.error("scan of the recording spool {} failed", spool.dir(), e);
        }
    }

    private void linkUnregistered() {
        try {
            List<CatalogEntry> entries = catalog.entries();
            for (CatalogEntry entry : entries) {
                Registration registration = registrar.stored(entry.recording());
                if (registration instanceof Registration.Linked linked && linked.created()) {
                    log.info("linked recording {} of attempt {}, stored before the last shutdown",
                            linked.recording().id(), linked.recording().attemptId());
                }
            }
        } catch (RuntimeException e) {
            log.error("could not link the store's recordings to the database", e);
        }
    }

    private void handle(IngestResult result) {
        switch (result) {
            case IngestResult.Stored stored -> link(stored.recording(), true);
            case IngestResult.AlreadyStored stored -> link(stored.recording(), false);
            case IngestResult.Rejected rejected -> {
                log.warn("recording of attempt {} rejected ({}): {}; quarantined at {}", rejected.attemptId(),
                        rejected.reason(), rejected.detail(), rejected.quarantined());
                registrar.rejected(rejected);
            }
            case IngestResult.Failed failed -> log.warn("recording of attempt {} not stored yet: failed at {} ({});"
                    + " the next scan resumes it", failed.attemptId(), failed.step(), failed.message());
            case IngestResult.Missing missing -> log.info("no recording in the spool for answered attempt {}; the"
                    + " scan picks it up if it appears", missing.attemptId());
        }
    }

    private void link(StoredRecording stored, boolean fresh) {
        switch (registrar.stored(stored)) {
            case Registration.Linked linked -> {
                if (linked.created()) {
                    log.info("recording {} of attempt {} linked to task {} (case {}), sha256 {}",
                            linked.recording().id(), linked.recording().attemptId(), linked.recording().taskId(),
                            linked.recording().caseNumber(), linked.recording().sha256());
                }
            }
            case Registration.Unsettled unsettled -> log.info("recording of attempt {} stored; it is linked when"
                    + " the attempt settles", unsettled.attemptId());
            case Registration.Unlinked unlinked -> {
                log.error("recording of attempt {} (sha256 {}) is stored but no call attempt has that id",
                        unlinked.attemptId(), stored.sha256());
                if (fresh) {
                    registrar.unlinked(stored);
                }
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        handOff.shutdown();
        if (!handOff.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("recording ingests still running at shutdown; they resume from their journals on restart");
            handOff.shutdownNow();
        }
    }
}
