package org.serveline.recordings.media;

import java.time.Duration;
import java.util.Objects;

/**
 * What ffprobe says about an audio file.
 *
 * @param formatName container as ffprobe names it, e.g. {@code wav}, {@code ogg}
 * @param codec codec of the first audio stream, e.g. {@code pcm_s16le}, {@code opus}
 * @param duration duration of the file
 * @param sampleRate sample rate in Hz
 * @param channels channel count
 */
public record AudioInfo(String formatName, String codec, Duration duration, int sampleRate, int channels) {

    public AudioInfo {
        Objects.requireNonNull(formatName, "formatName");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(duration, "duration");
    }

    /** The media type of the container, for HTTP and the catalogue. */
    public String mediaType() {
        String first = formatName.split(",")[0];
        return switch (first) {
            case "wav" -> "audio/wav";
            case "ogg" -> "audio/ogg";
            case "gsm" -> "audio/gsm";
            case "mp3" -> "audio/mpeg";
            case "flac" -> "audio/flac";
            default -> "application/octet-stream";
        };
    }
}
