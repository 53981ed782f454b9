package org.serveline.recordings.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.AttemptId;
import org.serveline.recordings.Fixtures;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.ingest.IngestResult.AlreadyStored;
import org.serveline.recordings.ingest.IngestResult.Missing;
import org.serveline.recordings.ingest.IngestResult.Rejected;
import org.serveline.recordings.ingest.IngestResult.Stored;

@Timeout(60)
class RecordingIngestIntegrationTests {

    @TempDir
    Path root;

    private IngestFixture fixture;

    private RecordingIngest ingest;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new IngestFixture(root);
        ingest = fixture.ingest();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void storesTheRealRecordingWithItsHashAndAVerifiedOpusCopy() throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.recordingSample());
        Path spoolFile = fixture.spoolSample("1732612345.17.wav");

        IngestResult result = ingest.ingest("1732612345.17");

        assertThat(result).isInstanceOf(Stored.class);
        StoredRecording recording = ((Stored) result).recording();
        assertThat(recording.attemptId()).isEqualTo(AttemptId.of("1732612345.17"));
        assertThat(recording.sha256()).isEqualTo(sha256(original));
        assertThat(recording.size()).isEqualTo(original.length);
        assertThat(recording.mediaType()).isEqualTo("audio/wav");
        assertThat(recording.codec()).isEqualTo("pcm_s16le");
        assertThat(recording.duration()).isEqualTo(Duration.ofMillis(4260));
        assertThat(recording.sampleRate()).isEqualTo(8000);
        assertThat(recording.channels()).isEqualTo(1);
        assertThat(recording.copyDuration().minus(recording.duration()).abs()).isLessThan(Duration.ofMillis(100));
        assertThat(recording.storedAt()).isEqualTo(IngestFixture.NOW);

        assertThat(fixture.storage.get(recording.original()).readAllBytes()).isEqualTo(original);
        byte[] copy = fixture.storage.get(recording.copy()).readAllBytes();
        assertThat(sha256(copy)).isEqualTo(recording.copySha256());
        assertThat(copy.length).isEqualTo((int) recording.copySize());
        assertThat(new String(copy, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OggS");

        assertThat(spoolFile).as("released after the store holds a verified copy").doesNotExist();
        assertThat(fixture.catalog.find(recording.attemptId())).get()
            .satisfies(entry -> assertThat(entry.recording()).isEqualTo(recording));
        assertThat(fixture.filesUnder(fixture.work)).as("no journal or temp file left").isEmpty();
    }

    @Test
    void ingestingTheSameFileTwiceStoresItOnce() throws Exception {
        fixture.spoolSample("a-1.wav");
        StoredRecording first = ((Stored) ingest.ingest("a-1")).recording();
        Path again = fixture.spoolSample("a-1.wav");

        IngestResult second = ingest.ingest("a-1");

        assertThat(second).isEqualTo(new AlreadyStored(first));
        assertThat(again).as("the duplicate spool file is removed").doesNotExist();
        assertThat(fixture.stored()).containsExactlyInAnyOrder(first.original(), first.copy());
        assertThat(ingest.ingest("a-1")).isEqualTo(new AlreadyStored(first));
    }

    @Test
    void theSameBytesUnderAnotherAttemptShareTheStoredOriginal() throws Exception {
        fixture.spoolSample("a-1.wav");
        fixture.spoolSample("a-2.wav");

        StoredRecording one = ((Stored) ingest.ingest("a-1")).recording();
        StoredRecording two = ((Stored) ingest.ingest("a-2")).recording();

        assertThat(two.original()).isEqualTo(one.original());
        assertThat(two.copy()).as("the Opus copy is bit-exact").isEqualTo(one.copy());
        assertThat(fixture.stored()).containsExactlyInAnyOrder(one.original(), one.copy());
    }

    @Test
    void otherBytesForAnAttemptAlreadyStoredAreAConflictAndNeverOverwrite() throws Exception {
        fixture.spoolSample("a-1.wav");
        StoredRecording first = ((Stored) ingest.ingest("a-1")).recording();
        byte[] other = Arrays.copyOf(Files.readAllBytes(Fixtures.recordingSample()), 68_204);
        other[1000] ^= 0x55;
        fixture.spoolBytes("a-1.wav", other);

        IngestResult result = ingest.ingest("a-1");

        assertThat(result).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.CONFLICT));
        assertThat(((Rejected) result).quarantined()).hasBinaryContent(other);
        assertThat(fixture.catalog.find(first.attemptId()).orElseThrow().recording()).isEqualTo(first);
        assertThat(fixture.stored()).containsExactlyInAnyOrder(first.original(), first.copy());
    }

    @Test
    void garbageBytesAreRejectedQuarantinedAndNothingIsStored() throws Exception {
        byte[] garbage = new byte[20_000];
        new Random(7).nextBytes(garbage);
        fixture.spoolBytes("g-1.wav", garbage);

        IngestResult result = ingest.ingest("g-1");

        assertRejectedAndQuarantined(result, RejectReason.NOT_AUDIO, garbage);
    }

    @Test
    void anEmptyFileIsRejectedAndQuarantined() throws Exception {
        fixture.spoolBytes("e-1.wav", new byte[0]);

        IngestResult result = ingest.ingest("e-1");

        assertRejectedAndQuarantined(result, RejectReason.EMPTY, new byte[0]);
    }

    @Test
    void aTruncatedWavIsRejectedAndQuarantined() throws Exception {
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(Fixtures.recordingSample()), 40_000);
        fixture.spoolBytes("t-1.wav", truncated);

        IngestResult result = ingest.ingest("t-1");

        assertRejectedAndQuarantined(result, RejectReason.TRUNCATED, truncated);
        assertThat(((Rejected) result).detail()).contains("truncated");
    }

    private void assertRejectedAndQuarantined(IngestResult result, RejectReason reason, byte[] original)
            throws Exception {
        assertThat(result).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank();
        assertThat(rejected.quarantined()).hasBinaryContent(original);
        assertThat(rejected.quarantined().resolveSibling(rejected.quarantined().getFileName() + ".reason"))
            .content()
            .contains(reason.name());
        assertThat(fixture.stored()).as("nothing half-stored").isEmpty();
        assertThat(fixture.catalog.entries()).isEmpty();
        assertThat(fixture.filesUnder(fixture.work.resolve("ingest"))).isEmpty();
        assertThat(fixture.filesUnder(fixture.spool)).as("out of the spool, so the scan does not retry it").isEmpty();
    }

    @Test
    void anAttemptIdWithPathCharactersIsRefused() throws Exception {
        Path outside = Files.writeString(root.resolve("x.wav"), "not in the spool");

        assertThatThrownBy(() -> ingest.ingest("../x")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid attempt id");
        assertThatThrownBy(() -> ingest.ingest(fixture.spool.resolve("../x.wav")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a file of the spool");
        assertThat(outside).exists();
        assertThat(fixture.stored()).isEmpty();
    }

    @Test
    void aSpoolFileCanBeIngestedByPath() throws Exception {
        Path file = fixture.spoolSample("p-1.wav");

        assertThat(ingest.ingest(file)).isInstanceOfSatisfying(Stored.class,
                stored -> assertThat(stored.recording().attemptId()).isEqualTo(AttemptId.of("p-1")));
    }

    @Test
    void anUnknownAttemptIsMissing() {
        assertThat(ingest.ingest("nobody")).isEqualTo(new Missing(AttemptId.of("nobody")));
    }

    @Test
    void theScanIngestsSettledFilesAndLeavesFilesBeingWrittenAndTempNames() throws Exception {
        fixture.spoolSample("s-1.wav");
        Path fresh = fixture.spoolSample("s-2.wav");
        Files.setLastModifiedTime(fresh, FileTime.from(IngestFixture.NOW.minusSeconds(2)));
        Path temp = fixture.spoolSample("s-3.wav.tmp");
        Path hidden = fixture.spoolSample(".s-4.wav");
        Path badName = fixture.spoolSample("bad name.wav");

        List<IngestResult> results = ingest.scanSpool();

        assertThat(results).extracting(IngestResult::attemptId).containsExactly(AttemptId.of("s-1"));
        assertThat(results.get(0)).isInstanceOf(Stored.class);
        assertThat(fresh).exists();
        assertThat(temp).exists();
        assertThat(hidden).exists();
        assertThat(badName).exists();
    }

    @Test
    void theCallTriggerAndTheScanRacingForOneFileStoreItOnce() throws Exception {
        fixture.spoolSample("r-1.wav");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Callable<List<IngestResult>> byCall = () -> {
            start.await();
            return List.of(ingest.ingest("r-1"));
        };
        java.util.concurrent.Callable<List<IngestResult>> byScan = () -> {
            start.await();
            return ingest.scanSpool();
        };
        List<IngestResult> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var call = pool.submit(byCall);
            var scan = pool.submit(byScan);
            start.countDown();
            results.addAll(call.get());
            results.addAll(scan.get());
        }

        assertThat(results).filteredOn(Stored.class::isInstance).hasSize(1);
        assertThat(results).allMatch(r -> r instanceof Stored || r instanceof AlreadyStored);
        StoredRecording recording = ((Stored) results.stream().filter(Stored.class::isInstance).findFirst()
            .orElseThrow()).recording();
        assertThat(fixture.stored()).containsExactlyInAnyOrder(recording.original(), recording.copy());
        assertThat(fixture.filesUnder(fixture.spool)).isEmpty();
    }
}
