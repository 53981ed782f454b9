package org.serveline.telephony.prompt;

import java.nio.file.Path;

/**
 * A prompt rendered to a WAV file in the cache.
 *
 * @param wavFile  the 8 kHz mono WAV file
 * @param version  template version and content hash: the exact script
 * @param text     what is spoken
 * @param cacheHit true when the file was already in the cache
 */
public record RenderedPrompt(Path wavFile, ScriptVersion version, String text, boolean cacheHit) {

    /** The name Asterisk plays it by: the absolute path without the {@code .wav} extension. */
    public String playbackName() {
        String path = wavFile.toAbsolutePath().toString();
        return path.endsWith(".wav") ? path.substring(0, path.length() - 4) : path;
    }
}
