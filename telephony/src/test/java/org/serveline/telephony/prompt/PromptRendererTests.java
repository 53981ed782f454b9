package org.serveline.telephony.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
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

    /** A fake engine that holds every synthesis until released, counting how many run at once. */
    static final class HeldSynthesizer implements SpeechSynthesizer {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public String voiceId() {
            return "held";
        }

        @Override
        public void synthesize(String text, Path wavFile) {
            calls.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
                Files.write(wavFile, new byte[1000]);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public void check() {
        }
    }

    @Test
    @Timeout(20)
    void callersAskingForTheSameTextAtOnceWaitForOneSynthesis() throws InterruptedException {
        HeldSynthesizer engine = new HeldSynthesizer();
        PromptRenderer renderer = new PromptRenderer(engine, cache, 4);
        List<RenderedPrompt> results = new CopyOnWriteArrayList<>();
        List<Thread> callers = IntStream.range(0, 8).mapToObj(i -> Thread.ofPlatform().start(
                () -> results.add(renderer.render(template, Map.of("partyName", "张三"))))).toList();

        awaitAllWaiting(callers);
        engine.release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(engine.calls).hasValue(1);
        assertThat(results).hasSize(8).extracting(RenderedPrompt::wavFile).containsOnly(results.get(0).wavFile());
        assertThat(results).filteredOn(r -> !r.cacheHit()).hasSize(1);
    }

    @Test
    @Timeout(20)
    void runsAtMostTheConfiguredNumberOfSynthesesAtOnce() throws InterruptedException {
        HeldSynthesizer engine = new HeldSynthesizer();
        PromptRenderer renderer = new PromptRenderer(engine, cache, 2);
        List<Thread> callers = IntStream.range(0, 6).mapToObj(i -> Thread.ofPlatform().start(
                () -> renderer.render(template, Map.of("partyName", "当事人" + i)))).toList();

        awaitAllWaiting(callers);
        assertThat(engine.running).hasValue(2);
        engine.release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(engine.calls).hasValue(6);
        assertThat(engine.mostAtOnce).hasValue(2);
    }

    @Test
    @Timeout(20)
    void aFailedSynthesisFailsEveryCallerWaitingForIt() throws InterruptedException {
        HeldSynthesizer held = new HeldSynthesizer();
        SpeechSynthesizer silent = new SpeechSynthesizer() {
            @Override
            public String voiceId() {
                return held.voiceId();
            }

            @Override
            public void synthesize(String text, Path wavFile) {
                held.synthesize(text, wavFile);
                try {
                    Files.write(wavFile, new byte[10]);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }

            @Override
            public void check() {
            }
        };
        PromptRenderer renderer = new PromptRenderer(silent, cache, 4);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> callers = IntStream.range(0, 4).mapToObj(i -> Thread.ofPlatform().start(() -> {
            try {
                renderer.render(template, Map.of("partyName", "张三"));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        })).toList();

        awaitAllWaiting(callers);
        held.release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(held.calls).hasValue(1);
        assertThat(failures).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(PromptException.class)
                .hasMessageContaining("no audio"));
    }

    @Test
    void refusesAnImpossibleSynthesisLimit() {
        assertThatThrownBy(() -> new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSyntheses");
    }

    /** Every caller is parked: in the engine, on the synthesis limit, or behind the caller rendering its text. */
    private static void awaitAllWaiting(List<Thread> callers) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> callers.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));
    }

    /** Asterisk runs as its own user: a rendered prompt must not stay 0600 as temporary files are created. */
    @Test
    void aRenderedPromptIsReadableByThePbxWithTheConfiguredModeAndGroup() throws IOException {
        String ownGroup = Files.readAttributes(cache, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        PromptRenderer byDefault = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache.resolve("a"));
        PromptRenderer groupOnly = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache.resolve("b"), 1,
                PromptFiles.of("rw-r-----", ownGroup));
        byDefault.check();
        groupOnly.check();

        RenderedPrompt everyone = byDefault.render(template, Map.of("partyName", "张三"));
        RenderedPrompt group = groupOnly.render(template, Map.of("partyName", "张三"));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(everyone.wavFile())))
                .isEqualTo("rw-r--r--");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(group.wavFile())))
                .isEqualTo("rw-r-----");
        assertThat(Files.readAttributes(group.wavFile(), java.nio.file.attribute.PosixFileAttributes.class).group()
                .getName()).isEqualTo(ownGroup);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("b"))))
                .isEqualTo("rwxr-x---");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("a"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void theStartUpCheckOpensPromptsRenderedBeforeTheModeWasSet() throws IOException {
        Path old = Files.write(cache.resolve("0".repeat(64) + ".wav"), new byte[100]);
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache, 1, PromptFiles.of("rw-r--r--", null)).check();

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(old)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void refusesAModeOrGroupThePbxCannotUse() {
        assertThatThrownBy(() -> PromptFiles.of("rw-r--r", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rw-r--r--");
        assertThatThrownBy(() -> PromptFiles.of("rw-rw-rw-", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no write bit");
        assertThatThrownBy(() -> PromptFiles.of("r--r--r--", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
        PromptRenderer unknownGroup = new PromptRenderer(new FakeSynthesizer("voice-a", 1000), cache, 1,
                PromptFiles.of("rw-r-----", "no-such-group-serveline"));
        assertThatThrownBy(unknownGroup::check).isInstanceOf(PromptException.class)
                .hasMessageContaining("no group 'no-such-group-serveline'");
    }
}
