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
        NoticePrompts prompts = NoticePrompts.mandarin(renderer);

        RenderedPrompt first = prompts.notice(PromptTemplateTests.NOTICE_DATA).segments().get(1).prompt();
        FileTime written = Files.getLastModifiedTime(first.wavFile());
        RenderedPrompt second = prompts.notice(PromptTemplateTests.NOTICE_DATA).segments().get(1).prompt();

        AudioFileFormat file = AudioSystem.getAudioFileFormat(first.wavFile().toFile());
        AudioFormat format = file.getFormat();
        assertThat(file.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getSampleRate()).isEqualTo(8000f);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(file.getFrameLength() / format.getFrameRate()).as("seconds of speech").isGreaterThan(1f);
        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.wavFile()).isEqualTo(first.wavFile());
        assertThat(Files.getLastModifiedTime(second.wavFile())).isEqualTo(written);
        assertThat(first.version().templateVersion()).isEqualTo("notice-v2.zh.case");
        try (var files = Files.list(cache)) {
            assertThat(files).hasSize(5).contains(first.wavFile()); // greeting, case, documents, hearing, question
        }
    }

    /** The whole notice at a faster rate is shorter: the rate is configurable and part of the cache key. */
    @Test
    void aFasterSpeechRateGivesAShorterNotice() throws IOException, UnsupportedAudioFileException {
        Duration timeout = Duration.ofSeconds(60);
        NoticePrompts normal = NoticePrompts.mandarin(new PromptRenderer(
                new EspeakNgSynthesizer("espeak-ng", "ffmpeg", "cmn", 175, timeout), cache));
        NoticePrompts fast = NoticePrompts.mandarin(new PromptRenderer(
                new EspeakNgSynthesizer("espeak-ng", "ffmpeg", "cmn", 260, timeout), cache));

        RenderedNotice slow = normal.notice(PromptTemplateTests.NOTICE_DATA);
        RenderedNotice quick = fast.notice(PromptTemplateTests.NOTICE_DATA);

        assertThat(seconds(quick)).isLessThan(seconds(slow) * 0.85f);
        assertThat(quick.version()).isNotEqualTo(slow.version());
        assertThat(seconds(quick)).as("the whole notice, question included").isLessThan(30f);
        assertThatThrownBy(() -> new EspeakNgSynthesizer("espeak-ng", "ffmpeg", "cmn", 20, timeout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 80 and 450");
    }

    private static float seconds(RenderedNotice notice) throws IOException, UnsupportedAudioFileException {
        float total = 0;
        java.util.List<RenderedSegment> all = new java.util.ArrayList<>(notice.segments());
        all.add(notice.question());
        for (RenderedSegment segment : all) {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(segment.prompt().wavFile().toFile());
            total += file.getFrameLength() / file.getFormat().getFrameRate();
        }
        return total;
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
