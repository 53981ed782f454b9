package org.serveline.recordings.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.Fixtures;
import org.serveline.recordings.catalog.FileRecordingCatalog;
import org.serveline.recordings.media.AudioTools;
import org.serveline.recordings.media.FfmpegTools;
import org.serveline.recordings.storage.FileSystemRecordingStorage;

/** A spool, a store and an ingest over them, in a temporary folder, with a fixed clock. */
final class IngestFixture {

    static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private static AudioTools audio;

    final Path spool;

    final Path work;

    final FileSystemRecordingStorage storage;

    final FileRecordingCatalog catalog;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    IngestFixture(Path root) throws IOException {
        this.spool = Files.createDirectories(root.resolve("spool"));
        this.work = root.resolve("work");
        this.storage = new FileSystemRecordingStorage(root.resolve("objects"));
        this.catalog = new FileRecordingCatalog(root.resolve("catalog"));
    }

    static synchronized AudioTools audio() {
        if (audio == null) {
            audio = new AudioTools(FfmpegTools.check());
        }
        return audio;
    }

    IngestSettings settings() {
        return IngestSettings.defaults(spool, work).withSettleTime(Duration.ofSeconds(10));
    }

    RecordingIngest ingest() {
        return ingest(IngestInterceptor.NONE);
    }

    RecordingIngest ingest(IngestInterceptor interceptor) {
        return new RecordingIngest(settings(), storage, catalog, audio(), clock, interceptor);
    }

    /** Drops the real sample into the spool as a finished (settled) recording. */
    Path spoolSample(String name) throws IOException {
        return spoolBytes(name, Files.readAllBytes(Fixtures.recordingSample()));
    }

    Path spoolBytes(String name, byte[] bytes) throws IOException {
        Path file = Files.write(spool.resolve(name), bytes);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofMinutes(1))));
        return file;
    }

    List<ContentAddress> stored() {
        try (Stream<ContentAddress> all = storage.list()) {
            return all.toList();
        }
    }

    List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
