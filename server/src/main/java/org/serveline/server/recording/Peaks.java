package org.serveline.server.recording;

import java.util.List;

/**
 * A recording's waveform, computed by the server with ffmpeg once per Opus copy, so the console's player draws a
 * long recording without downloading and decoding it all first.
 *
 * @param durationMs the recording's length
 * @param perSecond how many peaks one second of audio has
 * @param peaks the loudest sample of each slice, 0 (silence) to 1 (full scale), in order
 */
public record Peaks(long durationMs, int perSecond, List<Double> peaks) {
}
