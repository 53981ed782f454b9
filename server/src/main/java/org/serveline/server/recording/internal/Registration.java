package org.serveline.server.recording.internal;

import org.serveline.server.recording.Recording;

/** What registering a stored recording in the database did. */
sealed interface Registration {

    /** The row exists; {@code created} if this registration wrote it (and its RECORDING_STORED event). */
    record Linked(Recording recording, boolean created) implements Registration {
    }

    /** No call attempt has this id: the store holds the recording but nothing links it. */
    record Unlinked(String attemptId) implements Registration {
    }

    /** The attempt has not settled yet; the settle event registers it with the final outcome and consent. */
    record Unsettled(String attemptId) implements Registration {
    }
}
