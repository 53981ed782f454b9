package org.serveline.server.recording;

import java.time.Instant;
import java.util.List;

/** One version of a verdict; never changed once written. Version 1 is the verdict, later ones amendments. */
public record RecordingReview(String recordingId, int version, Verdict verdict, String notes,
        List<ReviewComment> comments, String reviewer, Instant reviewedAt) {
}
