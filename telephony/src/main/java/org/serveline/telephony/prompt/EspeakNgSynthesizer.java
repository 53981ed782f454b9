package org.serveline.telephony.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The default speech engine: espeak-ng (Mandarin voice {@code cmn} by default) writes a 22 kHz WAV, ffmpeg turns it
 * into the 8 kHz mono 16-bit PCM that Asterisk plays without transcoding. The text goes in on stdin, so nothing in
 * it can be taken for an option.
 */
public final class EspeakNgSynthesizer implements SpeechSynthesizer {

    public static final String DEFAULT_VOICE = "cmn";
    /** espeak-ng's own default speed, in words per minute. */
    public static final int DEFAULT_SPEED = 175;

    private final String espeak;
    private final String ffmpeg;
    private final String voice;
    private final int speed;
    private final ProcessRunner runner;

    /**
     * @param espeak  the espeak-ng program (a name on the PATH or a path)
     * @param ffmpeg  the ffmpeg program
     * @param voice   the espeak-ng voice, e.g. {@code cmn}
     * @param speed   the speech rate in words per minute ({@code espeak-ng -s}, 80..450)
     * @param timeout the longest one program run may take
     */
    public EspeakNgSynthesizer(String espeak, String ffmpeg, String voice, int speed, Duration timeout) {
        if (speed < 80 || speed > 450) {
            throw new IllegalArgumentException("espeak-ng speed must lie between 80 and 450 words per minute, was "
                    + speed);
        }
        this.espeak = espeak;
        this.ffmpeg = ffmpeg;
        this.voice = voice;
        this.speed = speed;
        this.runner = new ProcessRunner(timeout);
    }

    /** At espeak-ng's default speed. */
    public EspeakNgSynthesizer(String espeak, String ffmpeg, String voice, Duration timeout) {
        this(espeak, ffmpeg, voice, DEFAULT_SPEED, timeout);
    }

    /** espeak-ng and ffmpeg from the PATH, Mandarin, one minute per program run. */
    public EspeakNgSynthesizer() {
        this("espeak-ng", "ffmpeg", DEFAULT_VOICE, Duration.ofMinutes(1));
    }

    @Override
    public String voiceId() {
        // the default speed keeps the id of the prompts rendered before the speed was configurable
        return "espeak-ng:" + voice + (speed == DEFAULT_SPEED ? "" : ":s" + speed) + ":8000";
    }

    @Override
    public void synthesize(String text, Path wavFile) {
        Path raw = null;
        try {
            raw = Files.createTempFile(wavFile.toAbsolutePath().getParent(), "espeak-", ".wav");
            run(List.of(espeak, "-v", voice, "-s", Integer.toString(speed), "-w", raw.toString(), "--stdin"), text, "espeak-ng");
            run(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", raw.toString(),
                    "-ar", "8000", "-ac", "1", "-acodec", "pcm_s16le", "-f", "wav", wavFile.toString()), null, "ffmpeg");
        } catch (IOException io) {
            throw new PromptException("cannot render speech to " + wavFile + ": " + io.getMessage(), io);
        } finally {
            deleteQuietly(raw);
        }
    }

    private void run(List<String> command, String stdin, String debianPackage) throws IOException {
        ProcessRunner.Result result;
        try {
            result = runner.run(command, stdin);
        } catch (IOException notStarted) {
            throw missing(command.getFirst(), debianPackage, notStarted);
        }
        if (result.exitCode() != 0) {
            throw new PromptException(command.getFirst() + " failed with exit code " + result.exitCode() + ": "
                    + result.output().strip());
        }
    }

    @Override
    public void check() {
        ProcessRunner.Result voices = probe(List.of(espeak, "--voices=" + voice), "espeak-ng");
        boolean hasVoice = voices.output().lines().skip(1)
                .anyMatch(line -> List.of(line.strip().split("\\s+")).contains(voice));
        if (voices.exitCode() != 0 || !hasVoice) {
            throw new SpeechEngineUnavailableException("espeak-ng has no voice '" + voice
                    + "' (install the Debian package espeak-ng-data, or pick another voice): " + voices.output().strip());
        }
        if (probe(List.of(ffmpeg, "-hide_banner", "-version"), "ffmpeg").exitCode() != 0) {
            throw new SpeechEngineUnavailableException(ffmpeg + " does not run (install the Debian package ffmpeg)");
        }
    }

    private ProcessRunner.Result probe(List<String> command, String debianPackage) {
        try {
            return runner.run(command, null);
        } catch (IOException notStarted) {
            throw missing(command.getFirst(), debianPackage, notStarted);
        }
    }

    private static SpeechEngineUnavailableException missing(String program, String debianPackage, IOException cause) {
        return new SpeechEngineUnavailableException(program + " cannot be started (is it installed? Debian package: "
                + debianPackage + "): " + cause.getMessage(), cause);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file in the cache directory is harmless
            }
        }
    }
}
