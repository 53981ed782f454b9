package org.serveline.recordings.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.AttemptId;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.ObjectKind;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.catalog.FileRecordingCatalog;
import org.serveline.recordings.storage.FileSystemRecordingStorage;

class RetentionServiceTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofDays(365), Duration.ofDays(90));

    @TempDir
    Path root;

    private FileSystemRecordingStorage storage;

    private FileRecordingCatalog catalog;

    private LegalHolds holds;

    private final List<RecordingExpired> audited = new ArrayList<>();

    private RetentionService retention;

    @BeforeEach
    void setUp() {
        storage = new FileSystemRecordingStorage(root.resolve("objects"));
        catalog = new FileRecordingCatalog(root.resolve("catalog"));
        holds = new LegalHolds(root.resolve("holds"));
        retention = new RetentionService(catalog, storage, holds, POLICY, audited::add);
    }

    private StoredRecording store(String attempt, String originalBytes, String copyBytes, Instant at) {
        ContentAddress original = storage.put(new ByteArrayInputStream(originalBytes.getBytes(StandardCharsets.UTF_8)));
        ContentAddress copy = storage.put(new ByteArrayInputStream(copyBytes.getBytes(StandardCharsets.UTF_8)));
        StoredRecording recording = new StoredRecording(AttemptId.of(attempt), original, originalBytes.length(),
                "audio/wav", "pcm_s16le", Duration.ofSeconds(4), 8000, 1, copy, copyBytes.length(),
                Duration.ofSeconds(4), at);
        catalog.add(recording);
        return recording;
    }

    @Test
    void nothingIsRemovedBeforeItsTime() {
        StoredRecording recording = store("a-1", "original", "copy", T0);

        assertThat(retention.expire(T0.plus(Duration.ofDays(89)))).isEmpty();

        assertThat(storage.exists(recording.original())).isTrue();
        assertThat(storage.exists(recording.copy())).isTrue();
        assertThat(audited).isEmpty();
    }

    @Test
    void copiesAndOriginalsExpireEachAfterTheirPeriodAndEachRemovalIsReported() {
        StoredRecording recording = store("a-1", "original", "copy", T0);
        Instant copyDue = T0.plus(Duration.ofDays(90));
        Instant originalDue = T0.plus(Duration.ofDays(365));

        List<RecordingExpired> first = retention.expire(copyDue);
        List<RecordingExpired> second = retention.expire(originalDue);

        assertThat(first).containsExactly(
                new RecordingExpired(recording.attemptId(), ObjectKind.COPY, recording.copy(), T0, copyDue));
        assertThat(second).containsExactly(
                new RecordingExpired(recording.attemptId(), ObjectKind.ORIGINAL, recording.original(), T0, originalDue));
        assertThat(audited).containsExactlyElementsOf(List.of(first.get(0), second.get(0)));
        assertThat(storage.exists(recording.copy())).isFalse();
        assertThat(storage.exists(recording.original())).isFalse();
        assertThat(catalog.find(recording.attemptId()).orElseThrow().originalRemovedAt()).contains(originalDue);
        assertThat(retention.expire(originalDue.plusSeconds(1))).as("each removal is reported once").isEmpty();
    }

    @Test
    void aHeldRecordingIsNeverDeleted() {
        StoredRecording held = store("held-1", "held original", "held copy", T0);
        StoredRecording free = store("free-1", "free original", "free copy", T0);
        holds.place(held.attemptId(), "appeal 2026-17", T0);

        List<RecordingExpired> removed = retention.expire(T0.plus(Duration.ofDays(10_000)));

        assertThat(removed).extracting(RecordingExpired::attemptId).containsOnly(free.attemptId());
        assertThat(storage.exists(held.original())).isTrue();
        assertThat(storage.exists(held.copy())).isTrue();
        assertThat(audited).noneMatch(expired -> expired.attemptId().equals(held.attemptId()));
    }

    @Test
    void aReleasedHoldLetsTheRecordingExpire() {
        StoredRecording recording = store("a-1", "original", "copy", T0);
        holds.place(recording.attemptId(), "complaint", T0);
        Instant late = T0.plus(Duration.ofDays(400));
        assertThat(retention.expire(late)).isEmpty();

        assertThat(holds.release(recording.attemptId())).isPresent();

        assertThat(retention.expire(late)).extracting(RecordingExpired::kind)
            .containsExactlyInAnyOrder(ObjectKind.ORIGINAL, ObjectKind.COPY);
        assertThat(holds.isHeld(recording.attemptId())).isFalse();
    }

    @Test
    void bytesSharedWithAHeldRecordingStayStored() {
        StoredRecording free = store("a-1", "same bytes", "copy one", T0);
        StoredRecording held = store("a-2", "same bytes", "copy two", T0);
        holds.place(held.attemptId(), "evidence", T0);

        List<RecordingExpired> removed = retention.expire(T0.plus(Duration.ofDays(400)));

        assertThat(removed).extracting(RecordingExpired::attemptId).containsOnly(free.attemptId());
        assertThat(storage.exists(held.original())).as("the held recording still has its original").isTrue();
        assertThat(storage.exists(free.copy())).isFalse();
    }

    @Test
    void holdsSurviveARestart() {
        holds.place(AttemptId.of("a-1"), "court order 12", T0);

        LegalHolds reopened = new LegalHolds(root.resolve("holds"));

        assertThat(reopened.find(AttemptId.of("a-1"))).get()
            .isEqualTo(new LegalHold(AttemptId.of("a-1"), "court order 12", T0));
    }
}
