package org.serveline.recordings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.StoredRecording;

class FileRecordingCatalogTests {

    @TempDir
    Path dir;

    private static StoredRecording recording(String attempt, char hash) {
        return new StoredRecording(AttemptId.of(attempt), new ContentAddress(String.valueOf(hash).repeat(64)), 68_204,
                "audio/wav", "pcm_s16le", Duration.ofMillis(4260), 8000, 1, new ContentAddress("f".repeat(64)), 9_000,
                Duration.ofMillis(4266), Instant.parse("2026-11-27T04:00:00Z"));
    }

    @Test
    void entriesSurviveAReopen() {
        new FileRecordingCatalog(dir).add(recording("1732612345.17", 'a'));

        FileRecordingCatalog reopened = new FileRecordingCatalog(dir);

        assertThat(reopened.find(AttemptId.of("1732612345.17"))).contains(CatalogEntry.kept(recording("1732612345.17", 'a')));
        assertThat(reopened.entries()).hasSize(1);
    }

    @Test
    void addingTheSameRecordingAgainChangesNothingButAnotherIsRefused() throws Exception {
        FileRecordingCatalog catalog = new FileRecordingCatalog(dir);
        catalog.add(recording("a-1", 'a'));
        byte[] before = Files.readAllBytes(dir.resolve("a-1.properties"));

        catalog.add(recording("a-1", 'a'));

        assertThat(dir.resolve("a-1.properties")).hasBinaryContent(before);
        assertThatThrownBy(() -> catalog.add(recording("a-1", 'b'))).isInstanceOf(RecordingStoreException.class)
            .hasMessageContaining("already has a different recording");
        assertThat(catalog.find(AttemptId.of("a-1")).orElseThrow().recording()).isEqualTo(recording("a-1", 'a'));
    }

    @Test
    void removalsAreRecorded() {
        FileRecordingCatalog catalog = new FileRecordingCatalog(dir);
        catalog.add(recording("a-1", 'a'));
        Instant at = Instant.parse("2027-01-01T00:00:00Z");

        catalog.markRemoved(AttemptId.of("a-1"), ObjectKind.COPY, at);

        CatalogEntry entry = catalog.find(AttemptId.of("a-1")).orElseThrow();
        assertThat(entry.copyRemovedAt()).contains(at);
        assertThat(entry.holds(ObjectKind.ORIGINAL)).isTrue();
    }
}
