package org.serveline.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.Fixtures;

class WavHeaderTests {

    @TempDir
    Path dir;

    @Test
    void aCompleteRecordingMissesNothing() throws Exception {
        assertThat(WavHeader.missingBytes(Fixtures.recordingSample())).isZero();
    }

    @Test
    void aCutOffRecordingMissesWhatWasCut() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.recordingSample());
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(whole, 40_000));

        assertThat(WavHeader.missingBytes(cut)).isEqualTo(whole.length - 40_000);
    }

    @Test
    void filesThatAreNotRiffAreLeftToFfprobe() throws Exception {
        assertThat(WavHeader.missingBytes(Files.write(dir.resolve("x.wav"), new byte[] { 1, 2, 3 }))).isZero();
        assertThat(WavHeader.missingBytes(Files.write(dir.resolve("e.wav"), new byte[0]))).isZero();
    }
}
