package org.serveline.recordings.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.serveline.recordings.internal.AtomicFiles;

/**
 * The durable state of one ingest: {@code <workDir>/ingest/<attemptId>/journal.properties}, rewritten atomically
 * after each step with the last step done and what the steps found. The folder also holds the Opus copy in the
 * making.
 */
final class IngestJournal {

    static final String FILE = "journal.properties";

    private static final String DONE = "done";

    private final Path dir;

    private final Map<String, String> values;

    private IngestJournal(Path dir, Map<String, String> values) {
        this.dir = dir;
        this.values = values;
    }

    static Optional<IngestJournal> load(Path dir) throws IOException {
        try {
            return Optional.of(new IngestJournal(dir, AtomicFiles.readProperties(dir.resolve(FILE))));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
    }

    static IngestJournal start(Path dir, Map<String, String> initial) throws IOException {
        IngestJournal journal = new IngestJournal(dir, new TreeMap<>(initial));
        journal.save();
        return journal;
    }

    Path dir() {
        return dir;
    }

    /** The first step not done yet, empty when all are. */
    Optional<IngestStep> next() {
        String done = values.get(DONE);
        if (done == null) {
            return Optional.of(IngestStep.values()[0]);
        }
        int index = IngestStep.valueOf(done).ordinal() + 1;
        return index < IngestStep.values().length ? Optional.of(IngestStep.values()[index]) : Optional.empty();
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("ingest journal " + dir + " lacks '" + key + "'");
        }
        return value;
    }

    Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Records a step as done together with what it found, durably. */
    void complete(IngestStep step, Map<String, String> found) throws IOException {
        values.putAll(found);
        values.put(DONE, step.name());
        save();
    }

    void put(String key, String value) throws IOException {
        values.put(key, value);
        save();
    }

    private void save() throws IOException {
        AtomicFiles.writeProperties(dir.resolve(FILE), values);
    }

    /** Deletes the journal folder and everything in it. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
