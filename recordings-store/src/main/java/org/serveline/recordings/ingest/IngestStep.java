package org.serveline.recordings.ingest;

/**
 * The steps of one ingest, in order. Each step's outcome is written to the ingest's journal before the next starts,
 * so a crash anywhere resumes at the first step not journalled. Every step is safe to repeat. The spool file (the
 * original) is untouched until {@link #RELEASE_SPOOL}, which runs only after the store holds both verified objects.
 */
public enum IngestStep {
    /** ffprobe the spool file: format, codec, duration, sample rate, channels; refuse empty, non-audio, truncated. */
    PROBE,
    /** ffmpeg the spool file to an Opus/Ogg copy in the ingest's work folder. */
    TRANSCODE,
    /** decode the whole copy and compare its duration with the original's. */
    VERIFY,
    /** copy the original into the content-addressed storage (temp file, fsync, rename); its SHA-256. */
    STORE_ORIGINAL,
    /** copy the verified Opus copy into the storage. */
    STORE_COPY,
    /** add the recording to the catalogue. */
    COMMIT,
    /** delete the spool file and the ingest's work folder. */
    RELEASE_SPOOL
}
