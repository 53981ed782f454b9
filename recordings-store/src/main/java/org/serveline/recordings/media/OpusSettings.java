package org.serveline.recordings.media;

/**
 * Encoder settings of the listening copy. Telephone audio is 8 kHz mono speech, so the defaults are voice settings:
 * mono, 16 kb/s, libopus's {@code voip} application (speech-tuned).
 *
 * @param bitRate bits per second
 * @param channels output channels
 * @param application libopus application: {@code voip}, {@code audio} or {@code lowdelay}
 */
public record OpusSettings(long bitRate, int channels, String application) {

    public static final OpusSettings VOICE = new OpusSettings(16_000, 1, "voip");

    public OpusSettings {
        if (bitRate < 6_000 || bitRate > 510_000) {
            throw new IllegalArgumentException("Opus bit rate must be 6000..510000 b/s, got " + bitRate);
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("Opus copy must be mono or stereo, got " + channels);
        }
        if (!application.equals("voip") && !application.equals("audio") && !application.equals("lowdelay")) {
            throw new IllegalArgumentException("unknown libopus application '" + application + "'");
        }
    }
}
