package org.serveline.server.recording.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.media.FfmpegTools;
import org.serveline.recordings.storage.RecordingStorage;
import org.serveline.server.recording.Peaks;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.RecordingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waveform of a recording's Opus copy: ffmpeg decodes the copy (fed from the content-addressed store on its
 * standard input) to 8 kHz mono samples, and the loudest of each 1/{@value #PER_SECOND} s is kept. The result is
 * cached in {@code <work-dir>/peaks/<copy sha256>.json}: the copy never changes under its hash.
 */
@Service
public class RecordingPeaks {

    private static final Logger log = LoggerFactory.getLogger(RecordingPeaks.class);

    static final int PER_SECOND = 20;
    private static final int SAMPLE_RATE = 8000;
    private static final int SAMPLES_PER_PEAK = SAMPLE_RATE / PER_SECOND;
    private static final long TIMEOUT_SECONDS = 120;

    private final RecordingStorage storage;
    private final FfmpegTools tools;
    private final Path cache;
    private final JsonMapper json = JsonMapper.builder().build();

    RecordingPeaks(RecordingStorage storage, FfmpegTools tools, RecordingProperties properties) {
        this.storage = storage;
        this.tools = tools;
        this.cache = properties.workDir().resolve("peaks");
    }

    /** The waveform of the recording's copy, computed on first use. */
    public Peaks of(Recording recording) {
        if (recording.copyRemovedAt() != null) {
            throw new RecordingGoneException("the copy of recording " + recording.id() + " was removed by retention");
        }
        ContentAddress address = ContentAddress.parse(recording.copySha256());
        Path cached = cache.resolve(address.sha256() + ".json");
        try {
            if (Files.isRegularFile(cached)) {
                return json.readValue(cached.toFile(), Peaks.class);
            }
            Peaks peaks = new Peaks(recording.durationMs(), PER_SECOND, compute(recording, address));
            Files.createDirectories(cache);
            Path partial = Files.createTempFile(cache, address.sha256(), ".part");
            json.writeValue(partial.toFile(), peaks);
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return peaks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the peaks of recording " + recording.id(), e);
        }
    }

    private List<Double> compute(Recording recording, ContentAddress address) throws IOException {
        long size = storage.size(address);
        Process ffmpeg = new ProcessBuilder(tools.ffmpegPath(), "-nostdin", "-v", "error", "-f", "ogg", "-i", "pipe:0",
                "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "-f", "s16le", "pipe:1").start();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (InputStream in = storage.openRange(address, 0, size); OutputStream out = ffmpeg.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                log.debug("ffmpeg stopped reading the copy of recording {}: {}", recording.id(), e.getMessage());
            }
        });
        Thread drain = Thread.ofVirtual().start(() -> {
            try (InputStream err = ffmpeg.getErrorStream()) {
                err.transferTo(errors);
            } catch (IOException ignored) {
                // the exit status tells
            }
        });
        List<Double> peaks = new ArrayList<>((int) (recording.durationMs() * PER_SECOND / 1000) + 1);
        try (DataInputStream samples = new DataInputStream(ffmpeg.getInputStream())) {
            int loudest = 0;
            int count = 0;
            while (true) {
                int lo;
                int hi;
                try {
                    lo = samples.readUnsignedByte();
                    hi = samples.readByte();
                } catch (EOFException end) {
                    break;
                }
                loudest = Math.max(loudest, Math.abs((hi << 8) | lo));
                if (++count == SAMPLES_PER_PEAK) {
                    peaks.add(scale(loudest));
                    loudest = 0;
                    count = 0;
                }
            }
            if (count > 0) {
                peaks.add(scale(loudest));
            }
        }
        try {
            if (!ffmpeg.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                throw new RecordingIntegrityException("ffmpeg took too long on recording " + recording.id(), null);
            }
            feeder.join();
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ffmpeg.destroyForcibly();
            throw new RecordingIntegrityException("interrupted while computing the peaks of " + recording.id(), e);
        }
        if (ffmpeg.exitValue() != 0 || peaks.isEmpty()) {
            throw new RecordingIntegrityException("ffmpeg cannot decode the copy of recording " + recording.id() + ": "
                    + errors.toString().strip(), null);
        }
        return peaks;
    }

    /** A sample's magnitude as 0..1, three decimals (enough for a picture, a third of the JSON). */
    private static double scale(int magnitude) {
        return Math.round(Math.min(1.0, magnitude / 32768.0) * 1000) / 1000.0;
    }
}
