package org.serveline.recordings.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.serveline.recordings.AttemptId;
import org.serveline.recordings.Fixtures;
import org.serveline.recordings.StoredRecording;
import org.serveline.recordings.ingest.IngestResult.Failed;
import org.serveline.recordings.ingest.IngestResult.Stored;

/**
 * Stops the ingest between every two steps, as a crash would (before the step, and after its effect but before the
 * journal records it), then runs a fresh ingest (as after a restart) and checks that it completes with exactly the
 * result of an uninterrupted ingest, and that the original stayed intact until then.
 */
class IngestCrashIntegrationTests {

    private static final String ATTEMPT = "1732612345.99";

    @TempDir
    Path root;

    private IngestFixture fixture;

    private byte[] original;

    /** Thrown by the interceptor: not an exception the pipeline handles, so it unwinds like a crash. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    enum When {
        BEFORE, AFTER
    }

    record CrashAt(IngestStep step, When when) implements IngestInterceptor {
        @Override
        public void beforeStep(AttemptId attemptId, IngestStep current) {
            if (current == step && when == When.BEFORE) {
                throw new SimulatedCrash("crash before " + step);
            }
        }

        @Override
        public void afterStep(AttemptId attemptId, IngestStep current) {
            if (current == step && when == When.AFTER) {
                throw new SimulatedCrash("crash after " + step);
            }
        }
    }

    static Stream<Arguments> crashPoints() {
        return Stream.of(IngestStep.values())
            .flatMap(step -> Stream.of(Arguments.of(step, When.BEFORE), Arguments.of(step, When.AFTER)));
    }

    @BeforeEach
    void setUp() throws Exception {
        fixture = new IngestFixture(root);
        original = Files.readAllBytes(Fixtures.recordingSample());
        fixture.spoolSample(ATTEMPT + ".wav");
    }

    @ParameterizedTest(name = "crash {1} {0}")
    @MethodSource("crashPoints")
    void aCrashAtAnyPointLeavesTheOriginalIntactAndTheIngestResumable(IngestStep step, When when) throws Exception {
        RecordingIngest crashing = fixture.ingest(new CrashAt(step, when));

        assertThatThrownBy(() -> crashing.ingest(ATTEMPT)).isInstanceOf(SimulatedCrash.class);

        boolean released = step == IngestStep.RELEASE_SPOOL && when == When.AFTER;
        Path spoolFile = fixture.spool.resolve(ATTEMPT + ".wav");
        if (released) {
            assertThat(fixture.catalog.find(AttemptId.of(ATTEMPT))).as("released only after commit").isPresent();
        }
        else {
            assertThat(spoolFile).as("the original is intact").hasBinaryContent(original);
        }

        List<IngestResult> resumed = fixture.ingest().scanSpool();

        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0)).isInstanceOf(Stored.class);
        StoredRecording recording = ((Stored) resumed.get(0)).recording();
        assertCompleteAndCorrect(recording);
    }

    @Test
    void aFailedStepIsReportedAndTheNextIngestResumesIt() throws Exception {
        Path spoolFile = fixture.spool.resolve(ATTEMPT + ".wav");
        RecordingIngest failing = fixture.ingest(new IngestInterceptor() {
            @Override
            public void beforeStep(AttemptId attemptId, IngestStep step) {
                if (step == IngestStep.STORE_COPY) {
                    throw new org.serveline.recordings.RecordingStoreException("disk full");
                }
            }
        });

        IngestResult failed = failing.ingest(ATTEMPT);

        assertThat(failed).isEqualTo(new Failed(AttemptId.of(ATTEMPT), IngestStep.STORE_COPY, "disk full"));
        assertThat(spoolFile).hasBinaryContent(original);
        IngestResult resumed = fixture.ingest().ingest(ATTEMPT);
        assertCompleteAndCorrect(((Stored) resumed).recording());
    }

    private void assertCompleteAndCorrect(StoredRecording recording) throws Exception {
        assertThat(recording.sha256())
            .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));
        assertThat(recording.size()).isEqualTo(original.length);
        assertThat(recording.sampleRate()).isEqualTo(8000);
        assertThat(recording.duration().toMillis()).isEqualTo(4260);
        assertThat(fixture.storage.get(recording.original()).readAllBytes()).isEqualTo(original);
        assertThat(fixture.storage.size(recording.copy())).isEqualTo(recording.copySize());
        assertThat(fixture.stored()).containsExactlyInAnyOrder(recording.original(), recording.copy());
        assertThat(fixture.catalog.find(recording.attemptId()).orElseThrow().recording()).isEqualTo(recording);
        assertThat(fixture.spool.resolve(ATTEMPT + ".wav")).doesNotExist();
        assertThat(fixture.filesUnder(fixture.work)).as("journal and temp files cleaned up").isEmpty();
        assertThat(fixture.filesUnder(fixture.storage.root().resolve("tmp"))).isEmpty();
    }
}
