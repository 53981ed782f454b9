package org.serveline.recordings.media;

import org.serveline.recordings.RecordingStoreException;

/** ffmpeg or ffprobe is missing or is not runnable; raised at start-up by {@link FfmpegTools#check}. */
public class MissingMediaToolException extends RecordingStoreException {

    public MissingMediaToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
