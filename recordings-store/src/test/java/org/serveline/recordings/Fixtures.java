package org.serveline.recordings;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Asterisk files the tests use, found through the {@code serveline.fixtures} system property. */
public final class Fixtures {

    private static final String FALLBACK = "/work/shared/fixtures/asterisk";

    private Fixtures() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("serveline.fixtures", FALLBACK));
    }

    /** A real MixMonitor recording from Asterisk 22: WAV, 8000 Hz, 16-bit, mono, 4.26 s. */
    public static Path recordingSample() {
        Path sample = dir().resolve("recording-sample.wav");
        if (!Files.isRegularFile(sample)) {
            throw new IllegalStateException("fixture missing: " + sample + " (set -Dserveline.fixtures)");
        }
        return sample;
    }
}
