package org.serveline.telephony.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptRendererTests {

    @TempDir
    Path cache;

    /** Writes a fake WAV of {@code bytes} bytes and counts its calls. */
    static final class FakeSynthesizer implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();
        final String voice;
        final int bytes;

        FakeSynthesizer(String voice, int bytes) {
            this.voice = voice;
            this.bytes = bytes;
        }

        @Override
        public String voiceId() {
            return voice;
        }

        @Override
        public void synthesize(String text, Path wavFile) {
            calls.incrementAndGet();
            try {
                Files.write(wavFile, new byte[bytes]);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }

        @Override
        public void check() {
            if (bytes == 0) {
                throw new SpeechEngineUnavailableException("fake engine missing (Debian package: fake)");
            }
        }
    }

    private final PromptTemplate template = new PromptTemplate("greeting-v1.zh", "{partyName}，您好");

    @Test
    void rendersOnceAndServesTheSameTextFromTheCache() {
        FakeSynthesizer engine = new FakeSynthesizer("voice-a", 1000);
        PromptRenderer renderer = new PromptRenderer(engine, cache);

        RenderedPrompt first = renderer.render(template, Map.of("partyName", "张三"));
        RenderedPrompt second = renderer.render(template, Map.of("partyName", "张三"));

        assertThat(engine.calls).hasValue(1);
        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.wavFile()).isEqualTo(first.wavFile()).exists();
        assertThat(first.version().templateVersion()).isEqualTo("greeting-v1.zh");
        assertThat(first.version().contentHash()).matches("[0-9a-f]{64}");
        assertThat(first.wavFile().getFileName().toString()).isEqualTo(first.version().contentHash() + ".wav");
        assertThat(first.playbackName()).isEqualTo(cache.resolve(first.version().contentHash()).toString());
        assertThat(first.text()).isEqualTo("张三，您好");
    }

    @Test
    void keysTheCacheOnTextVoiceAndVersion() {
        RenderedPrompt base = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache)
                .render(template, Map.of("partyName", "张三"));
        RenderedPrompt otherText = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache)
                .render(template, Map.of("partyName", "李四"));
        RenderedPrompt otherVoice = new PromptRenderer(new FakeSynthesizer("voice-b", 1000), cache)
                .render(template, Map.of("partyName", "张三"));
        RenderedPrompt otherVersion = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache)
                .render(new PromptTemplate("greeting-v2.zh", "{partyName}，您好"), Map.of("partyName", "张三"));

        assertThat(java.util.Set.of(base.version().contentHash(), otherText.version().contentHash(),
                otherVoice.version().contentHash(), otherVersion.version().contentHash())).hasSize(4);
    }

    @Test
    void leavesNothingInTheCacheWhenTheEngineProducesNoAudio() throws IOException {
        PromptRenderer renderer = new PromptRenderer(new FakeSynthesizer("voice-a", 10), cache);

        assertThatThrownBy(() -> renderer.render(template, Map.of("partyName", "张三")))
                .isInstanceOf(PromptException.class).hasMessageContaining("no audio");
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void checkReportsTheEngineFailure() {
        PromptRenderer renderer = new PromptRenderer(new FakeSynthesizer("voice-a", 0), cache.resolve("sub"));

        assertThatThrownBy(renderer::check).isInstanceOf(SpeechEngineUnavailableException.class)
                .hasMessageContaining("Debian package");
    }
}
