package org.serveline.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FfmpegToolsIntegrationTests {

    @Test
    void findsTheSystemFfmpegAndFfprobe() {
        FfmpegTools tools = FfmpegTools.check();

        assertThat(tools.version()).startsWith("ffmpeg version");
    }

    @Test
    void aMissingFfmpegIsAStartUpErrorNamingTheDebianPackage() {
        assertThatThrownBy(() -> FfmpegTools.check("/nonexistent/bin/ffmpeg", "ffprobe"))
            .isInstanceOf(MissingMediaToolException.class)
            .hasMessageContaining("ffmpeg is needed")
            .hasMessageContaining("/nonexistent/bin/ffmpeg")
            .hasMessageContaining("sudo apt-get install ffmpeg");
    }

    @Test
    void aMissingFfprobeIsAStartUpErrorNamingTheDebianPackage() {
        assertThatThrownBy(() -> FfmpegTools.check("ffmpeg", "/nonexistent/bin/ffprobe"))
            .isInstanceOf(MissingMediaToolException.class)
            .hasMessageContaining("ffprobe is needed")
            .hasMessageContaining("Debian package 'ffmpeg'");
    }

    @Test
    void aProgramThatIsNotFfmpegIsRefused() {
        assertThatThrownBy(() -> FfmpegTools.check("/bin/true", "ffprobe"))
            .isInstanceOf(MissingMediaToolException.class)
            .hasMessageContaining("apt-get install ffmpeg");
    }
}
