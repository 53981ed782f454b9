package org.serveline.recordings;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A recording the store holds: the original exactly as the PBX wrote it (the evidence) and a verified Opus copy for
 * listening. Both are content-addressed; {@link #sha256()} is the hash receipts and the evidence chain cite.
 *
 * @param attemptId the call attempt the recording belongs to
 * @param original address (SHA-256) of the original bytes
 * @param size size of the original in bytes
 * @param mediaType media type of the original, e.g. {@code audio/wav}
 * @param codec codec of the original's audio stream as ffprobe names it, e.g. {@code pcm_s16le}
 * @param duration duration of the original
 * @param sampleRate sample rate of the original in Hz
 * @param channels channel count of the original
 * @param copy address (SHA-256) of the Opus/Ogg listening copy
 * @param copySize size of the copy in bytes
 * @param copyDuration duration of the copy, as decoded
 * @param storedAt when the ingest committed the recording
 */
public record StoredRecording(AttemptId attemptId, ContentAddress original, long size, String mediaType, String codec,
        Duration duration, int sampleRate, int channels, ContentAddress copy, long copySize, Duration copyDuration,
        Instant storedAt) {

    /** Media type of every listening copy. */
    public static final String COPY_MEDIA_TYPE = "audio/ogg; codecs=opus";

    public StoredRecording {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(copyDuration, "copyDuration");
        Objects.requireNonNull(storedAt, "storedAt");
    }

    /** SHA-256 (hex) of the original recording. */
    public String sha256() {
        return original.sha256();
    }

    /** SHA-256 (hex) of the Opus copy. */
    public String copySha256() {
        return copy.sha256();
    }
}
