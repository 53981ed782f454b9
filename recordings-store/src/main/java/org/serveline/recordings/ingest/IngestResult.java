package org.serveline.recordings.ingest;

import java.nio.file.Path;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.StoredRecording;

/** What one ingest did. */
public sealed interface IngestResult {

    AttemptId attemptId();

    /** The recording is now stored and verified; the spool file is gone. */
    record Stored(StoredRecording recording) implements IngestResult {
        @Override
        public AttemptId attemptId() {
            return recording.attemptId();
        }
    }

    /** The recording was stored before (same bytes); nothing new was stored, a leftover spool file was removed. */
    record AlreadyStored(StoredRecording recording) implements IngestResult {
        @Override
        public AttemptId attemptId() {
            return recording.attemptId();
        }
    }

    /**
     * Bad input: the spool file was moved, untouched, to {@code quarantined} (with a {@code .reason} file beside it)
     * for a human to look at, and nothing was stored.
     */
    record Rejected(AttemptId attemptId, RejectReason reason, String detail, Path quarantined) implements IngestResult {
    }

    /**
     * A step failed for a reason that may pass (I/O error, ffmpeg killed, ...). The original is intact and the
     * journal kept: the next {@code ingest} or {@code scanSpool} resumes at {@code step}.
     */
    record Failed(AttemptId attemptId, IngestStep step, String message) implements IngestResult {
    }

    /** No spool file and no ingest in progress for this attempt, and nothing stored under it. */
    record Missing(AttemptId attemptId) implements IngestResult {
    }
}
