package org.serveline.recordings.ingest;

import org.serveline.recordings.AttemptId;

/**
 * Test hook around each ingest step. An exception thrown here propagates out of the ingest like a crash would:
 * nothing after it runs, so tests can stop the pipeline between any two steps and then run it again.
 */
public interface IngestInterceptor {

    IngestInterceptor NONE = new IngestInterceptor() {
    };

    /** Called before a step starts. */
    default void beforeStep(AttemptId attemptId, IngestStep step) {
    }

    /** Called after a step's effect, before the journal records it as done. */
    default void afterStep(AttemptId attemptId, IngestStep step) {
    }
}
