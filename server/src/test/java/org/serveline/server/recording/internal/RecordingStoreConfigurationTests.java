package org.serveline.server.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.media.MissingMediaToolException;
import org.serveline.recordings.retention.ExpiryListener;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Without ffmpeg the recordings store, and so the application, refuses to start and says what to install. */
class RecordingStoreConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(RecordingStoreConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(ExpiryListener.class, () -> ExpiryListener.NONE)
                .withPropertyValues("serveline.recordings.store-root=" + dir.resolve("store"),
                        "serveline.recordings.work-dir=" + dir.resolve("work"),
                        "serveline.recordings.spool-dir=" + dir.resolve("spool"));
    }

    @Test
    void aMissingFfmpegStopsTheStartWithTheDebianPackageToInstall() {
        runner().withPropertyValues("serveline.recordings.ffmpeg-path=" + dir.resolve("no-such-ffmpeg"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(missingTool(context.getStartupFailure())).hasMessageContaining("apt-get install ffmpeg")
                            .hasMessageContaining("no-such-ffmpeg");
                });
    }

    @Test
    void aMissingFfprobeStopsTheStartToo() {
        runner().withPropertyValues("serveline.recordings.ffprobe-path=/bin/false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(missingTool(context.getStartupFailure())).hasMessageContaining("ffprobe")
                    .hasMessageContaining("Debian package 'ffmpeg'");
        });
    }

    @Test
    void aBadReviewSampleRateStopsTheStart() {
        runner().withPropertyValues("serveline.recordings.review-sample-rate=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("review-sample-rate");
        });
    }

    @Test
    void withFfmpegTheStoreStartsAndIngestsFromTheConfiguredSpool() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RecordingSpool.class).dir()).isEqualTo(dir.resolve("spool"));
        });
    }

    @Test
    void withoutASpoolSettingTheSimulatorsSpoolIsUsedWhenItRuns() {
        new ApplicationContextRunner().withUserConfiguration(RecordingStoreConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(ExpiryListener.class, () -> ExpiryListener.NONE)
                .withPropertyValues("serveline.recordings.store-root=" + dir.resolve("store"),
                        "serveline.recordings.work-dir=" + dir.resolve("work"),
                        "serveline.simulator.enabled=true", "serveline.simulator.spool-dir=" + dir.resolve("sim"))
                .run(context -> assertThat(context.getBean(RecordingSpool.class).dir()).isEqualTo(dir.resolve("sim")));
        new ApplicationContextRunner().withUserConfiguration(RecordingStoreConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(ExpiryListener.class, () -> ExpiryListener.NONE)
                .withPropertyValues("serveline.recordings.store-root=" + dir.resolve("store"),
                        "serveline.recordings.work-dir=" + dir.resolve("work"))
                .run(context -> assertThat(context.getBean(RecordingSpool.class).dir())
                        .isEqualTo(Path.of("/var/spool/asterisk/monitor")));
    }

    private static MissingMediaToolException missingTool(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingMediaToolException missing) {
                return missing;
            }
        }
        throw new AssertionError("the start failed for another reason", failure);
    }
}
