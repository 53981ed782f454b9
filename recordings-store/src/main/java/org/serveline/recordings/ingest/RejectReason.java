package org.serveline.recordings.ingest;

/** Why a spool file was quarantined instead of stored. */
public enum RejectReason {
    /** the file has no bytes */
    EMPTY,
    /** ffprobe cannot read it as audio (garbage bytes, unknown format, no audio stream) */
    NOT_AUDIO,
    /** a WAV file shorter than its header's data chunk: the recording was cut off */
    TRUNCATED,
    /** ffmpeg stops on a decoding error in the original or in the Opus copy */
    UNDECODABLE,
    /** the copy's decoded duration differs from the original's beyond the tolerance */
    DURATION_MISMATCH,
    /** the attempt already has a stored recording with different bytes; the store never overwrites */
    CONFLICT
}
