package org.serveline.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.Fixtures;

class AudioToolsIntegrationTests {

    private static AudioTools audio;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        audio = new AudioTools(FfmpegTools.check());
    }

    @Test
    void probesTheRealMixMonitorRecording() {
        AudioInfo info = audio.probe(Fixtures.recordingSample());

        assertThat(info.formatName()).isEqualTo("wav");
        assertThat(info.mediaType()).isEqualTo("audio/wav");
        assertThat(info.codec()).isEqualTo("pcm_s16le");
        assertThat(info.sampleRate()).isEqualTo(8000);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.duration()).isEqualTo(Duration.ofMillis(4260));
    }

    @Test
    void transcodesToMonoOpusInOggThatDecodesToTheSameDuration() throws Exception {
        Path copy = dir.resolve("copy.opus");

        audio.transcodeToOpus(Fixtures.recordingSample(), copy, OpusSettings.VOICE);
        Duration decoded = audio.verifyDecodes(copy);
        AudioInfo info = audio.probe(copy);

        assertThat(info.formatName()).isEqualTo("ogg");
        assertThat(info.codec()).isEqualTo("opus");
        assertThat(info.channels()).isEqualTo(1);
        assertThat(decoded.minus(Duration.ofMillis(4260)).abs()).isLessThan(Duration.ofMillis(20));
        assertThat(info.duration().minus(decoded).abs()).isLessThan(Duration.ofMillis(20));
        assertThat(Files.size(copy)).as("16 kb/s voice is far smaller than 128 kb/s PCM")
            .isLessThan(Files.size(Fixtures.recordingSample()) / 4);
        assertThat(dir.resolve("copy.opus.part")).doesNotExist();
    }

    @Test
    void garbageBytesAreNotAudio() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage.wav"), garbage);

        assertThatThrownBy(() -> audio.probe(file)).isInstanceOf(NotAudioException.class)
            .hasMessageContaining("garbage.wav");
    }

    @Test
    void aCopyThatDoesNotDecodeFailsVerification() throws Exception {
        Path copy = dir.resolve("copy.opus");
        audio.transcodeToOpus(Fixtures.recordingSample(), copy, OpusSettings.VOICE);
        byte[] bytes = Files.readAllBytes(copy);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 400; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Path damaged = Files.write(dir.resolve("damaged.opus"), bytes);

        assertThatThrownBy(() -> audio.verifyDecodes(damaged)).isInstanceOf(MediaException.class)
            .hasMessageContaining("damaged.opus");
    }
}
