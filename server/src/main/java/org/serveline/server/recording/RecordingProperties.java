package org.serveline.server.recording;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where recordings come from and where they are kept ({@code serveline.recordings}); documented in
 * {@code config/application-sample.yml}.
 *
 * @param spoolDir the PBX's MixMonitor folder ({@code <attemptId>.wav}); null means the built-in simulator's spool
 * when {@code serveline.simulator.enabled}, else {@code /var/spool/asterisk/monitor}
 * @param storeRoot the content-addressed store of originals and Opus copies
 * @param workDir ingest journals, quarantine, catalogue and legal-hold files
 * @param scanInterval how often the spool is scanned for recordings nobody claimed (read by {@code @Scheduled})
 * @param settleTime a spool file younger than this is still being written and is left alone by the scan
 * @param retainOriginals how long originals (the evidence) are kept
 * @param retainCopies how long Opus listening copies are kept
 * @param retentionInterval how often expired recordings are removed (read by {@code @Scheduled})
 * @param reviewSampleRate share (0..1) of the calls without consent that go to the supervisors' review queue
 * @param ffmpegPath the ffmpeg program (Debian package {@code ffmpeg}); checked at start-up
 * @param ffprobePath the ffprobe program (same package); checked at start-up
 * @param accessGrantTtl how long a stated reason lets its person stream a recording's Opus copy (ADR 0022)
 */
@ConfigurationProperties("serveline.recordings")
public record RecordingProperties(Path spoolDir, Path storeRoot, Path workDir, Duration scanInterval,
        Duration settleTime, Duration retainOriginals, Duration retainCopies, Duration retentionInterval,
        Double reviewSampleRate, String ffmpegPath, String ffprobePath, Duration accessGrantTtl) {

    static final Path ASTERISK_SPOOL = Path.of("/var/spool/asterisk/monitor");

    public RecordingProperties {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "serveline", "recordings");
        storeRoot = storeRoot == null ? base.resolve("store") : storeRoot;
        workDir = workDir == null ? base.resolve("work") : workDir;
        scanInterval = scanInterval == null ? Duration.ofSeconds(30) : scanInterval;
        settleTime = settleTime == null ? Duration.ofSeconds(10) : settleTime;
        retainOriginals = retainOriginals == null ? Duration.ofDays(3650) : retainOriginals;
        retainCopies = retainCopies == null ? Duration.ofDays(365) : retainCopies;
        retentionInterval = retentionInterval == null ? Duration.ofHours(1) : retentionInterval;
        ffmpegPath = ffmpegPath == null ? "ffmpeg" : ffmpegPath;
        ffprobePath = ffprobePath == null ? "ffprobe" : ffprobePath;
        reviewSampleRate = reviewSampleRate == null ? 0.1 : reviewSampleRate;
        accessGrantTtl = accessGrantTtl == null ? Duration.ofMinutes(30) : accessGrantTtl;
        if (accessGrantTtl.isNegative() || accessGrantTtl.isZero()) {
            throw new IllegalArgumentException("serveline.recordings.access-grant-ttl must be positive");
        }
        if (reviewSampleRate < 0 || reviewSampleRate > 1) {
            throw new IllegalArgumentException("serveline.recordings.review-sample-rate must be between 0 and 1, got "
                    + reviewSampleRate);
        }
        if (settleTime.isNegative() || retainOriginals.isNegative() || retainCopies.isNegative()) {
            throw new IllegalArgumentException("serveline.recordings durations must not be negative");
        }
    }

    /** The spool to ingest from: the configured one, else the simulator's when it runs, else Asterisk's default. */
    public Path spoolDirOr(Path simulatorSpool) {
        return spoolDir != null ? spoolDir : simulatorSpool != null ? simulatorSpool : ASTERISK_SPOOL;
    }
}
