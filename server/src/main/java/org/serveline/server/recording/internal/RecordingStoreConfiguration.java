package org.serveline.server.recording.internal;

import java.nio.file.Path;
import java.time.Clock;
import org.serveline.recordings.catalog.FileRecordingCatalog;
import org.serveline.recordings.catalog.RecordingCatalog;
import org.serveline.recordings.ingest.IngestSettings;
import org.serveline.recordings.ingest.RecordingIngest;
import org.serveline.recordings.media.AudioTools;
import org.serveline.recordings.media.FfmpegTools;
import org.serveline.recordings.retention.ExpiryListener;
import org.serveline.recordings.retention.LegalHolds;
import org.serveline.recordings.retention.RetentionPolicy;
import org.serveline.recordings.retention.RetentionService;
import org.serveline.recordings.storage.FileSystemRecordingStorage;
import org.serveline.recordings.storage.RecordingStorage;
import org.serveline.server.recording.RecordingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The recordings store (plain Java, from {@code recordings-store}) wired into the server. ffmpeg and ffprobe are
 * checked here, so a machine without them refuses to start with a message naming the package to install.
 */
@Configuration
@EnableConfigurationProperties(RecordingProperties.class)
class RecordingStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RecordingStoreConfiguration.class);

    @Bean
    FfmpegTools ffmpegTools(RecordingProperties properties) {
        FfmpegTools tools = FfmpegTools.check(properties.ffmpegPath(), properties.ffprobePath());
        log.info("recordings: using {}", tools.version());
        return tools;
    }

    @Bean
    RecordingStorage recordingStorage(RecordingProperties properties) {
        return new FileSystemRecordingStorage(properties.storeRoot());
    }

    @Bean
    RecordingCatalog recordingCatalog(RecordingProperties properties) {
        return new FileRecordingCatalog(properties.workDir().resolve("catalog"));
    }

    @Bean
    LegalHolds legalHolds(RecordingProperties properties) {
        return new LegalHolds(properties.workDir().resolve("holds"));
    }

    @Bean
    RecordingSpool recordingSpool(RecordingProperties properties, Environment environment) {
        return new RecordingSpool(properties.spoolDirOr(simulatorSpool(environment)));
    }

    @Bean
    RecordingIngest recordingIngest(RecordingProperties properties, RecordingSpool spool, RecordingStorage storage,
            RecordingCatalog catalog, FfmpegTools tools, Clock clock) {
        log.info("recordings: ingesting from {} into {}", spool.dir(), properties.storeRoot());
        IngestSettings settings = IngestSettings.defaults(spool.dir(), properties.workDir())
                .withSettleTime(properties.settleTime());
        return new RecordingIngest(settings, storage, catalog, new AudioTools(tools), clock);
    }

    @Bean
    RetentionService retentionService(RecordingProperties properties, RecordingCatalog catalog,
            RecordingStorage storage, LegalHolds holds, ExpiryListener expiries) {
        return new RetentionService(catalog, storage, holds,
                new RetentionPolicy(properties.retainOriginals(), properties.retainCopies()), expiries);
    }

    /** The built-in simulator's MixMonitor folder when it runs (same default as {@code BuiltInPbx}), else null. */
    private static Path simulatorSpool(Environment environment) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("serveline.simulator.enabled", Boolean.class).orElse(false)) {
            return null;
        }
        return binder.bind("serveline.simulator.spool-dir", Path.class)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "serveline", "spool"));
    }
}
