package org.serveline.recordings;

/** Root of every unchecked exception this module throws. */
public class RecordingStoreException extends RuntimeException {

    public RecordingStoreException(String message) {
        super(message);
    }

    public RecordingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
