package org.serveline.telephony.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Renders the real notice with espeak-ng and ffmpeg. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EspeakNgSynthesizerIntegrationTests {

    @TempDir
    Path cache;

    @BeforeAll
    static void requireEspeak() {
        boolean installed;
        try {
            installed = new ProcessRunner(Duration.ofSeconds(10)).run(java.util.List.of("espeak-ng", "--version"), null)
                    .exitCode() == 0;
        } catch (IOException notInstalled) {
            installed = false;
        }
        assumeTrue(installed, "espeak-ng is not installed (Debian package espeak-ng): real prompt rendering skipped");
    }

    @Test
    void rendersTheMandarinNoticeAsAnEightKilohertzMonoWavAndCachesIt()
            throws IOException, UnsupportedAudioFileException {
        PromptRenderer renderer = new PromptRenderer(new EspeakNgSynthesizer(), cache);
        renderer.check();
        NoticePrompts prompts = NoticePrompts.mandarinV1(renderer);

        RenderedPrompt first = prompts.notice(PromptTemplateTests.NOTICE_DATA);
        FileTime written = Files.getLastModifiedTime(first.wavFile());
        RenderedPrompt second = prompts.notice(PromptTemplateTests.NOTICE_DATA);

        AudioFileFormat file = AudioSystem.getAudioFileFormat(first.wavFile().toFile());
        AudioFormat format = file.getFormat();
        assertThat(file.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getSampleRate()).isEqualTo(8000f);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(file.getFrameLength() / format.getFrameRate()).as("seconds of speech").isGreaterThan(10f);
        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.wavFile()).isEqualTo(first.wavFile());
        assertThat(Files.getLastModifiedTime(second.wavFile())).isEqualTo(written);
        assertThat(first.version().templateVersion()).isEqualTo("notice-v1.zh");
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactly(first.wavFile());
        }
    }

    @Test
    void startUpCheckNamesTheMissingPackage() {
        Duration timeout = Duration.ofSeconds(10);
        assertThatThrownBy(() -> new EspeakNgSynthesizer("no-such-espeak-ng", "ffmpeg", "cmn", timeout).check())
                .isInstanceOf(SpeechEngineUnavailableException.class)
                .hasMessageContaining("Debian package: espeak-ng");
        assertThatThrownBy(() -> new EspeakNgSynthesizer("espeak-ng", "no-such-ffmpeg", "cmn", timeout).check())
                .isInstanceOf(SpeechEngineUnavailableException.class)
                .hasMessageContaining("Debian package: ffmpeg");
        assertThatThrownBy(() -> new EspeakNgSynthesizer("espeak-ng", "ffmpeg", "no-such-voice", timeout).check())
                .isInstanceOf(SpeechEngineUnavailableException.class)
                .hasMessageContaining("no voice 'no-such-voice'");
    }
}
