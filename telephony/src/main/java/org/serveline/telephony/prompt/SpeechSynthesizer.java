package org.serveline.telephony.prompt;

import java.nio.file.Path;

/** Turns text into speech that Asterisk can play. The port a commercial TTS engine replaces espeak-ng behind. */
public interface SpeechSynthesizer {

    /** Identifies engine and voice; part of the cache key, so a new voice never reuses old audio. */
    String voiceId();

    /** Writes {@code text} spoken as an 8 kHz, mono, 16-bit PCM WAV file to {@code wavFile}. */
    void synthesize(String text, Path wavFile);

    /** Throws {@link SpeechEngineUnavailableException} when the engine cannot work here; call at start-up. */
    void check();
}
