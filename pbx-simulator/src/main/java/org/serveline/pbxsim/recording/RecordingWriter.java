package org.serveline.pbxsim.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what MixMonitor would: {@code <name>.wav}, 8 kHz 16-bit mono PCM, as long as the call was (in PBX
 * time), holding a quiet 425 Hz tone. Written under a temporary name and renamed, so a spool watcher never
 * sees half a file. File work runs on the given executor, never on an event loop.
 */
public final class RecordingWriter {

    static final int SAMPLE_RATE = 8000;
    private static final Duration MAX_LENGTH = Duration.ofHours(4);
    private static final Logger log = LoggerFactory.getLogger(RecordingWriter.class);

    private final Path spoolDir;
    private final ExecutorService executor;

    public RecordingWriter(Path spoolDir, ExecutorService executor) {
        this.spoolDir = spoolDir;
        this.executor = executor;
    }

    public void write(String name, Duration length) {
        try {
            executor.execute(() -> writeNow(name, length));
        } catch (RejectedExecutionException e) {
            log.warn("recording {} not written: the simulator is closing", name);
        }
    }

    void writeNow(String name, Duration length) {
        Path target = spoolDir.resolve(name + ".wav");
        Path temp = spoolDir.resolve("." + name + ".wav.part");
        long samples = Math.min(length.toMillis(), MAX_LENGTH.toMillis()) * SAMPLE_RATE / 1000;
        try {
            Files.createDirectories(spoolDir);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writeWav(out, samples);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("recording {} could not be written to {}", name, spoolDir, e);
        }
    }

    static void writeWav(OutputStream out, long samples) throws IOException {
        long dataBytes = samples * 2;
        out.write("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int32(out, 36 + dataBytes);
        out.write("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int32(out, 16);
        int16(out, 1);
        int16(out, 1);
        int32(out, SAMPLE_RATE);
        int32(out, SAMPLE_RATE * 2L);
        int16(out, 2);
        int16(out, 16);
        out.write("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int32(out, dataBytes);
        for (long left = dataBytes; left > 0; left -= TONE.length) {
            out.write(TONE, 0, (int) Math.min(left, TONE.length));
        }
    }

    /**
     * The tone, precomputed: 425 Hz at 8 kHz repeats exactly every 320 samples (17 periods), so whole blocks of
     * those are written in bulk. Writing a sample at a time cost the simulator more than all its calls.
     */
    private static final byte[] TONE = tone(320 * 100);

    private static byte[] tone(int samples) {
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            int value = (int) (1200 * Math.sin(2 * Math.PI * 425 * (i % 320) / SAMPLE_RATE));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    private static void int16(OutputStream out, int value) throws IOException {
        out.write(value & 0xff);
        out.write((value >> 8) & 0xff);
    }

    private static void int32(OutputStream out, long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >> (8 * i)) & 0xff);
        }
    }
}
