package org.serveline.recordings.media;

import org.serveline.recordings.RecordingStoreException;

/** ffmpeg or ffprobe could not read, convert or decode a file. */
public class MediaException extends RecordingStoreException {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
