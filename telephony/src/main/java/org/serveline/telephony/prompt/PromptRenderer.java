package org.serveline.telephony.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders templates to speech, cached by content: the file name is the SHA-256 of template version, voice and text,
 * so the same notice is synthesized once and a changed word or voice never reuses old audio. The cache directory
 * must be readable by Asterisk under the same path (same host or a shared mount): every file gets the mode and
 * group of {@link PromptFiles} before it is moved into place.
 *
 * <p>A campaign start asks for hundreds of notices at once. Callers asking for the same text wait for one
 * synthesis, and at most {@code maxSyntheses} engine processes run at a time, so a burst queues instead of
 * starting a process per call on a machine with two cores.
 */
public final class PromptRenderer {

    private static final Logger log = LoggerFactory.getLogger(PromptRenderer.class);
    private static final int WAV_HEADER_BYTES = 44;

    private final SpeechSynthesizer synthesizer;
    private final Path cacheDirectory;
    private final PromptFiles files;
    private final Semaphore syntheses;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    public PromptRenderer(SpeechSynthesizer synthesizer, Path cacheDirectory) {
        this(synthesizer, cacheDirectory, Runtime.getRuntime().availableProcessors());
    }

    public PromptRenderer(SpeechSynthesizer synthesizer, Path cacheDirectory, int maxSyntheses) {
        this(synthesizer, cacheDirectory, maxSyntheses, PromptFiles.defaults());
    }

    public PromptRenderer(SpeechSynthesizer synthesizer, Path cacheDirectory, int maxSyntheses, PromptFiles files) {
        if (maxSyntheses < 1) {
            throw new IllegalArgumentException("maxSyntheses must be at least 1, was " + maxSyntheses);
        }
        this.synthesizer = synthesizer;
        this.cacheDirectory = cacheDirectory.toAbsolutePath();
        this.files = files;
        this.syntheses = new Semaphore(maxSyntheses, true);
    }

    /**
     * Start-up check: the speech engine works, the cache directory is writable and gets the configured mode and
     * group (a group this host does not know fails here, not on the first call).
     */
    public void check() {
        synthesizer.check();
        try {
            Files.createDirectories(cacheDirectory);
        } catch (IOException io) {
            throw new PromptException("cannot create the prompt cache " + cacheDirectory, io);
        }
        if (!Files.isWritable(cacheDirectory)) {
            throw new PromptException("the prompt cache " + cacheDirectory + " is not writable");
        }
        files.applyToDirectory(cacheDirectory);
        // prompts rendered before the mode was configured (or under another one) are played too
        try (var cached = Files.newDirectoryStream(cacheDirectory, "*.wav")) {
            cached.forEach(files::applyToFile);
        } catch (IOException io) {
            throw new PromptException("cannot list the prompt cache " + cacheDirectory, io);
        }
    }

    /** The engine and voice every prompt of this renderer is spoken in. */
    public String voiceId() {
        return synthesizer.voiceId();
    }

    public RenderedPrompt render(PromptTemplate template, Map<String, String> values) {
        String text = template.render(values);
        String hash = sha256(template.version() + "\n" + synthesizer.voiceId() + "\n" + text);
        ScriptVersion version = new ScriptVersion(template.version(), hash);
        Path wav = cacheDirectory.resolve(hash + ".wav");
        if (isComplete(wav)) {
            return new RenderedPrompt(wav, version, text, true);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(hash, mine);
        if (running != null) {
            awaitOther(running);
            return new RenderedPrompt(wav, version, text, true);
        }
        try {
            synthesizeOnce(template, text, hash, wav);
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(hash, mine);
        }
        log.info("rendered prompt {} ({}) to {}", template.version(), synthesizer.voiceId(), wav);
        return new RenderedPrompt(wav, version, text, false);
    }

    private static void awaitOther(CompletableFuture<Void> running) {
        try {
            running.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private void synthesizeOnce(PromptTemplate template, String text, String hash, Path wav) {
        syntheses.acquireUninterruptibly();
        try {
            if (isComplete(wav)) {
                return; // another renderer on the same cache finished it meanwhile
            }
            Files.createDirectories(cacheDirectory);
            Path partial = Files.createTempFile(cacheDirectory, hash + "-", ".partial.wav");
            try {
                synthesizer.synthesize(text, partial);
                if (!isComplete(partial)) {
                    throw new PromptException(synthesizer.voiceId() + " produced no audio for " + template.version());
                }
                // a temporary file is created 0600: give it the PBX's access before anyone can play it
                files.applyToFile(partial);
                moveIntoPlace(partial, wav);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write prompt " + wav, io);
        } finally {
            syntheses.release();
        }
    }

    private static void moveIntoPlace(Path partial, Path wav) throws IOException {
        try {
            Files.move(partial, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(partial, wav, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isComplete(Path wav) {
        try {
            return Files.isRegularFile(wav) && Files.size(wav) > WAV_HEADER_BYTES;
        } catch (IOException unreadable) {
            return false;
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
