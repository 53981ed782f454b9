package org.serveline.pbxsim.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingWriterTests {

    @TempDir
    Path dir;

    @Test
    void headerDescribesEightKilohertzSixteenBitMonoPcm() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordingWriter.writeWav(out, 8000);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.size()).isEqualTo(44 + 16000);
        assertThat(b.getInt(4)).isEqualTo(36 + 16000);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getInt(28)).isEqualTo(16000);
        assertThat(b.getShort(32)).isEqualTo((short) 2);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(b.getInt(40)).isEqualTo(16000);
    }

    @Test
    void bodyIsAQuiet425HertzToneForTheWholeLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int samples = 100_003; // longer than one precomputed block, and not a multiple of it
        RecordingWriter.writeWav(out, samples);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.size()).isEqualTo(44 + 2 * samples);
        for (int i : new int[] {0, 1, 5, 319, 320, 32_001, 64_007, samples - 1}) {
            int expected = (int) (1200 * Math.sin(2 * Math.PI * 425 * i / 8000.0));
            assertThat((int) b.getShort(44 + 2 * i)).as("sample %d", i).isBetween(expected - 1, expected + 1);
        }
    }

    @Test
    void fileIsNamedAfterTheCallAndNoTemporaryIsLeft() throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try {
            new RecordingWriter(dir, executor).writeNow("att-7", Duration.ofMillis(2500));
        } finally {
            executor.shutdown();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("att-7.wav");
        }
        assertThat(Files.size(dir.resolve("att-7.wav"))).isEqualTo(44 + 2 * 20_000);
    }
}
