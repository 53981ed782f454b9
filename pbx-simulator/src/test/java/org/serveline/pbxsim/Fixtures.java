package org.serveline.pbxsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real Asterisk traces, found through the serveline.fixtures system property. */
final class Fixtures {

    private Fixtures() {
    }

    static Path dir() {
        return Path.of(System.getProperty("serveline.fixtures", "/work/shared/fixtures/asterisk"));
    }

    static String raw(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String name) {
        try {
            return Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String name) {
        return Files.exists(dir().resolve(name));
    }
}
