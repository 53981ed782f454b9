package org.serveline.recordings.retention;

/** Told of each removal as it happens, so the server can write an audit event. */
@FunctionalInterface
public interface ExpiryListener {

    ExpiryListener NONE = expired -> {
    };

    void expired(RecordingExpired expired);
}
