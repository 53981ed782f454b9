package org.serveline.recordings.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.ProcessFunction;
import net.bramp.ffmpeg.RunProcessFunction;
import net.bramp.ffmpeg.builder.FFmpegBuilder;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

import org.serveline.recordings.internal.AtomicFiles;

/** Probing, Opus transcoding and decode checks, through ffmpeg-cli-wrapper over the checked system programs. */
public final class AudioTools {

    /** ffmpeg's {@code -progress} lines: {@code key=value}. */
    private static final Pattern PROGRESS_LINE = Pattern.compile("[a-z0-9_]+=.*");

    private static final Pattern NOTHING = Pattern.compile("(?!)");

    private final FfmpegTools tools;

    private final FFprobe ffprobe;

    private final ProcessFunction processes = new RunProcessFunction();

    public AudioTools(FfmpegTools tools) {
        this.tools = tools;
        this.ffprobe = new FFprobe(tools.ffprobePath(), new RunProcessFunction());
    }

    /**
     * Format, codec, duration, sample rate and channels of the first audio stream.
     *
     * @throws NotAudioException if ffprobe cannot read the file or it has no audio stream
     */
    public AudioInfo probe(Path file) {
        FFmpegProbeResult result;
        try {
            result = ffprobe.probe(file.toString());
        }
        catch (IOException | RuntimeException ex) {
            throw new NotAudioException("ffprobe cannot read " + file.getFileName() + ": " + ex.getMessage());
        }
        if (result.hasError()) {
            throw new NotAudioException("ffprobe cannot read " + file.getFileName() + ": "
                    + result.getError().getString());
        }
        FFmpegStream audio = result.getStreams()
            .stream()
            .filter(stream -> stream.codec_type == CodecType.AUDIO)
            .findFirst()
            .orElseThrow(() -> new NotAudioException(file.getFileName() + " has no audio stream"));
        double seconds = result.getFormat().getDuration() > 0 ? result.getFormat().getDuration() : audio.duration;
        if (!(seconds > 0)) {
            throw new NotAudioException(file.getFileName() + " has no measurable duration");
        }
        return new AudioInfo(result.getFormat().getFormatName(), audio.codec_name,
                Duration.ofNanos(Math.round(seconds * 1e9)), audio.sample_rate, audio.channels);
    }

    /**
     * Writes an Opus-in-Ogg copy of {@code source} to {@code target}, atomically (a partial file never has the
     * target's name) and durably. Stops at the first decoding error of the source. The output is bit-exact: the same
     * source always gives the same bytes, so the copy's content address is stable.
     *
     * @throws MediaException if ffmpeg fails
     */
    public void transcodeToOpus(Path source, Path target, OpusSettings settings) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        FFmpegBuilder builder = baseBuilder().addInput(source.toString())
            .done()
            .addOutput(partial.toString())
            .setFormat("ogg")
            .disableVideo()
            .disableSubtitle()
            .setAudioCodec("libopus")
            .setAudioChannels(settings.channels())
            .setAudioBitRate(settings.bitRate())
            .addExtraArgs("-application", settings.application())
            // bitexact: a fixed Ogg serial number and no version tags, so equal input gives an equal copy
            .addExtraArgs("-fflags", "+bitexact", "-flags:a", "+bitexact")
            .done();
        try {
            run(builder.build(), source, NOTHING);
            AtomicFiles.fsyncFile(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.fsyncDirectory(target.toAbsolutePath().getParent());
        }
        catch (IOException ex) {
            throw new MediaException("cannot write the Opus copy " + target + ": " + ex, ex);
        }
        finally {
            try {
                Files.deleteIfExists(partial);
            }
            catch (IOException ignored) {
                // the next attempt overwrites it
            }
        }
    }

    /**
     * Decodes the whole file (output discarded), failing on the first error.
     *
     * @return how much audio decoded
     * @throws MediaException if the file does not decode cleanly
     */
    public Duration verifyDecodes(Path file) {
        FFmpegBuilder builder = baseBuilder().addInput(file.toString())
            .done()
            .addOutput("-")
            .setFormat("null")
            .disableVideo()
            .disableSubtitle()
            // the progress report on stdout says how far decoding got, sparing a second ffprobe
            .addExtraArgs("-progress", "pipe:1")
            .done();
        String output = run(builder.build(), file, PROGRESS_LINE);
        return output.lines()
            .filter(line -> line.startsWith("out_time_us="))
            .reduce((first, last) -> last)
            .map(line -> Duration.ofNanos(Long.parseLong(line.substring("out_time_us=".length()).strip()) * 1000))
            .orElseThrow(() -> new MediaException("ffmpeg decoded nothing from " + file.getFileName()));
    }

    private static FFmpegBuilder baseBuilder() {
        return new FFmpegBuilder().setVerbosity(FFmpegBuilder.Verbosity.ERROR)
            .overrideOutputFiles(true)
            .addExtraArgs("-nostdin", "-nostats", "-xerror");
    }

    /** Runs ffmpeg; any output line that {@code benign} does not match is an error. Returns the output. */
    private String run(List<String> args, Path subject, Pattern benign) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(tools.ffmpegPath());
        command.addAll(args);
        String output;
        int status;
        try {
            // the wrapper's process function merges stderr into stdout; at -v error the output stays small
            Process process = processes.run(command);
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            status = process.waitFor();
        }
        catch (IOException ex) {
            throw new MediaException("cannot run ffmpeg on " + subject.getFileName() + ": " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while ffmpeg worked on " + subject.getFileName(), ex);
        }
        // at -v error anything ffmpeg prints is an error; some (an Ogg CRC mismatch) leave the exit status at 0
        String errors = output.lines()
            .filter(line -> !line.isBlank() && !benign.matcher(line).matches())
            .collect(Collectors.joining("\n"));
        if (status != 0 || !errors.isEmpty()) {
            throw new MediaException("ffmpeg " + (status != 0 ? "failed (exit " + status + ")" : "reported errors")
                    + " on " + subject.getFileName() + ": " + firstLines(errors.isEmpty() ? output : errors));
        }
        return output;
    }

    private static String firstLines(String output) {
        String text = output.strip();
        return text.lines().limit(5).reduce((a, b) -> a + " | " + b).orElse("(no output)");
    }
}
