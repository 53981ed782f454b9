package org.serveline.recordings.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.serveline.recordings.media.OpusSettings;

/**
 * How ingest runs.
 *
 * @param spoolDir the PBX's monitor spool, where finished recordings appear as {@code <attemptId>.<extension>}
 * @param workDir the store's local working folder: per-ingest journals ({@code ingest/<attemptId>/}) and
 * {@code quarantine/}
 * @param settleTime a spool file whose last modification is younger than this is still being written; the scan
 * leaves it alone
 * @param durationTolerance how far the copy's decoded duration may differ from the original's
 * @param opus encoder settings of the listening copy
 * @param extensions spool file extensions to pick up, lower case, without the dot
 */
public record IngestSettings(Path spoolDir, Path workDir, Duration settleTime, Duration durationTolerance,
        OpusSettings opus, List<String> extensions) {

    public IngestSettings {
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(opus, "opus");
        if (settleTime.isNegative() || durationTolerance.isNegative()) {
            throw new IllegalArgumentException("settleTime and durationTolerance must not be negative");
        }
        extensions = List.copyOf(extensions);
        if (extensions.isEmpty()) {
            throw new IllegalArgumentException("at least one spool file extension is needed");
        }
    }

    /** WAV files, 10 s settle time, 0.5 s tolerance, voice Opus. */
    public static IngestSettings defaults(Path spoolDir, Path workDir) {
        return new IngestSettings(spoolDir, workDir, Duration.ofSeconds(10), Duration.ofMillis(500),
                OpusSettings.VOICE, List.of("wav"));
    }

    public IngestSettings withSettleTime(Duration settle) {
        return new IngestSettings(spoolDir, workDir, settle, durationTolerance, opus, extensions);
    }
}
