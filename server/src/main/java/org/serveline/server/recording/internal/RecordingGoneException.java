package org.serveline.server.recording.internal;

/** The recording is known but the requested part is no longer in the store (retention removed it): 410. */
public class RecordingGoneException extends RuntimeException {

    public RecordingGoneException(String message) {
        super(message);
    }
}
