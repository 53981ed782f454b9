package org.serveline.recordings.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.RecordingStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PBX's monitor spool: finished recordings named {@code <attemptId>.<extension>}. */
final class SpoolFiles {

    private static final Logger log = LoggerFactory.getLogger(SpoolFiles.class);

    private final Path dir;

    private final List<String> extensions;

    SpoolFiles(Path dir, List<String> extensions) {
        this.dir = dir.toAbsolutePath().normalize();
        this.extensions = extensions;
    }

    Path dir() {
        return dir;
    }

    /** The attempt's spool file, trying each extension in turn. */
    Optional<Path> find(AttemptId attemptId) {
        return extensions.stream()
            .map(ext -> dir.resolve(attemptId.value() + "." + ext))
            .filter(Files::isRegularFile)
            .findFirst();
    }

    /**
     * The attempt id a spool file is named by.
     *
     * @throws IllegalArgumentException if the file is not directly in the spool, has another extension, or its name
     * is not a valid attempt id
     */
    AttemptId attemptOf(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        if (!dir.equals(normalized.getParent())) {
            throw new IllegalArgumentException(file + " is not a file of the spool " + dir);
        }
        String name = normalized.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(file + " is not named <attemptId>." + String.join("|", extensions));
        }
        return AttemptId.of(name.substring(0, dot));
    }

    /** Attempt ids of files written to completion: last modified before {@code settledBefore}, not temp names. */
    List<AttemptId> settled(Instant settledBefore) {
        List<AttemptId> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                candidate(file, settledBefore).ifPresent(ids::add);
            }
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot list the spool " + dir + ": " + ex, ex);
        }
        return ids;
    }

    private Optional<AttemptId> candidate(Path file, Instant settledBefore) throws IOException {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.endsWith("~") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (Files.getLastModifiedTime(file).toInstant().isAfter(settledBefore)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AttemptId.of(name.substring(0, dot)));
        }
        catch (IllegalArgumentException ex) {
            log.warn("spool file {} is not named by a valid attempt id; left for a human: {}", file,
                    ex.getMessage());
            return Optional.empty();
        }
    }
}
