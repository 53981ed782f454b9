package org.serveline.recordings.media;

/** The file is not audio ffprobe can read (garbage bytes, an unknown format, no audio stream). */
public class NotAudioException extends MediaException {

    public NotAudioException(String message) {
        super(message);
    }
}
