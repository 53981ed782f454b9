package org.serveline.recordings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.catalog.FileRecordingCatalog;
import org.serveline.recordings.ingest.IngestInterceptor;
import org.serveline.recordings.ingest.IngestResult;
import org.serveline.recordings.ingest.IngestStep;
import org.serveline.recordings.ingest.IngestSettings;
import org.serveline.recordings.ingest.RecordingIngest;
import org.serveline.recordings.media.AudioTools;
import org.serveline.recordings.media.FfmpegTools;
import org.serveline.recordings.media.OpusSettings;
import org.serveline.recordings.storage.FileSystemRecordingStorage;

/**
 * Not a test: times our ingest of one long 8 kHz mono recording against bare ffmpeg doing the same work from the
 * shell (sha256sum, transcode to Opus with the same settings, decode the copy to null). Started by
 * {@code bench/ingest}. Arguments: {@code [minutes] [runs]} (default 60 minutes, 2 runs; the best run of each side
 * counts). The last line printed is {@code ingest_vs_ffmpeg=<ffmpeg time / our time> realtime_factor=<audio s / our s>}.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = Files.createTempDirectory("serveline-bench-ingest");
        try {
            run(work, minutes, runs);
        }
        finally {
            deleteTree(work);
        }
    }

    private static void run(Path work, int minutes, int runs) throws Exception {
        FfmpegTools tools = FfmpegTools.check();
        // one instance for the process, as the server holds it
        AudioTools audio = new AudioTools(tools);
        System.out.println("ffmpeg: " + tools.version());
        Path source = work.resolve("source.wav");
        long started = System.nanoTime();
        exec(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "anoisesrc=d=" + minutes * 60 + ":c=pink:r=8000:a=0.3", "-ac", "1", "-ar", "8000", "-c:a", "pcm_s16le",
                source.toString()));
        System.out.printf(Locale.ROOT, "generated %d min 8 kHz mono 16-bit WAV, %d bytes, in %.1f s%n", minutes,
                Files.size(source), seconds(System.nanoTime() - started));

        // a server ingests warm: let the JIT and class loading happen outside the timed runs
        Path warmUp = work.resolve("warm-up.wav");
        exec(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", source.toString(), "-t", "20", "-c", "copy",
                warmUp.toString()));
        ourIngest(work, warmUp, audio, 0);

        double bestFfmpeg = Double.MAX_VALUE;
        double bestOurs = Double.MAX_VALUE;
        for (int run = 1; run <= runs; run++) {
            // alternate the order so neither side always runs on a cooler machine
            double ffmpeg;
            double ours;
            if (run % 2 == 1) {
                ffmpeg = bareFfmpeg(work, source);
                ours = ourIngest(work, source, audio, run);
            }
            else {
                ours = ourIngest(work, source, audio, run);
                ffmpeg = bareFfmpeg(work, source);
            }
            System.out.printf(Locale.ROOT, "run %d: bare ffmpeg %.2f s, ingest %.2f s%n", run, ffmpeg, ours);
            bestFfmpeg = Math.min(bestFfmpeg, ffmpeg);
            bestOurs = Math.min(bestOurs, ours);
        }
        System.out.printf(Locale.ROOT, "best: bare ffmpeg %.2f s, ingest %.2f s, audio %d s%n", bestFfmpeg, bestOurs,
                minutes * 60);
        System.out.printf(Locale.ROOT, "ingest_vs_ffmpeg=%.3f realtime_factor=%.1f%n", bestFfmpeg / bestOurs,
                minutes * 60 / bestOurs);
    }

    /** The same work by shell commands: hash, transcode with our settings, decode the copy. */
    private static double bareFfmpeg(Path work, Path source) throws Exception {
        Path copy = work.resolve("bare.opus");
        String script = "sha256sum '" + source + "' >/dev/null"
                + " && ffmpeg -y -v error -nostdin -nostats -xerror -i '" + source + "' -f ogg -vn -acodec libopus -ac 1"
                + " -b:a 16000 -sn -application voip -fflags +bitexact -flags:a +bitexact '" + copy + "'"
                + " && ffmpeg -y -v error -nostdin -nostats -xerror -i '" + copy + "' -f null -vn -sn -";
        long started = System.nanoTime();
        exec(List.of("sh", "-c", script));
        double elapsed = seconds(System.nanoTime() - started);
        Files.delete(copy);
        return elapsed;
    }

    private static double ourIngest(Path work, Path source, AudioTools audio, int run) throws Exception {
        Path root = Files.createDirectories(work.resolve("store-" + run));
        Path spool = Files.createDirectories(root.resolve("spool"));
        String attempt = "bench-" + run;
        Files.copy(source, spool.resolve(attempt + ".wav"), StandardCopyOption.COPY_ATTRIBUTES);
        IngestSettings settings = new IngestSettings(spool, root.resolve("work"), java.time.Duration.ZERO,
                java.time.Duration.ofMillis(500), OpusSettings.VOICE, List.of("wav"));
        StepTimer timer = new StepTimer();
        RecordingIngest ingest = new RecordingIngest(settings, new FileSystemRecordingStorage(root.resolve("objects")),
                new FileRecordingCatalog(root.resolve("catalog")), audio, Clock.systemUTC(), timer);

        long started = System.nanoTime();
        IngestResult result = ingest.ingest(attempt);
        double elapsed = seconds(System.nanoTime() - started);
        if (!(result instanceof IngestResult.Stored stored)) {
            throw new IllegalStateException("ingest did not store the recording: " + result);
        }
        System.out.println("  steps: " + timer);
        System.out.printf(Locale.ROOT, "  stored sha256 %s, %d bytes, %s; Opus copy %d bytes, %s%n",
                stored.recording().sha256(), stored.recording().size(), stored.recording().duration(),
                stored.recording().copySize(), stored.recording().copyDuration());
        deleteTree(root);
        return elapsed;
    }

    /** Wall time of each ingest step, for the breakdown. */
    private static final class StepTimer implements IngestInterceptor {

        private final Map<IngestStep, Long> started = new EnumMap<>(IngestStep.class);

        private final Map<IngestStep, Long> took = new EnumMap<>(IngestStep.class);

        @Override
        public void beforeStep(AttemptId attemptId, IngestStep step) {
            started.put(step, System.nanoTime());
        }

        @Override
        public void afterStep(AttemptId attemptId, IngestStep step) {
            took.put(step, System.nanoTime() - started.get(step));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            took.forEach((step, nanos) -> text.append(String.format(Locale.ROOT, "%s %.2f s, ", step, seconds(nanos))));
            return text.toString().replaceAll(", $", "");
        }
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        int status = process.waitFor();
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
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
