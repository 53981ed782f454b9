package org.serveline.telephony.ami;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Asterisk traces, located by the {@code serveline.fixtures} system property. */
public final class Fixtures {

    private static final String FALLBACK = "/work/shared/fixtures/asterisk";

    private Fixtures() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("serveline.fixtures", FALLBACK));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixtures not found at " + dir + " (set -Dserveline.fixtures)");
        }
        return dir;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }
}
