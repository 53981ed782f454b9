package org.serveline.server.recording.internal;

/** A recording's row does not name a valid stored object (tampering or corruption); nothing is served: 500. */
public class RecordingIntegrityException extends RuntimeException {

    public RecordingIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
