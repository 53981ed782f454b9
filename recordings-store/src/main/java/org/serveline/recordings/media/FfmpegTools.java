package org.serveline.recordings.media;

import java.io.IOException;
import java.util.Objects;

import net.bramp.ffmpeg.FFmpeg;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.RunProcessFunction;

/**
 * The system's ffmpeg and ffprobe, checked once at start-up. Both come from the Debian package {@code ffmpeg}
 * ({@code scripts/env.sh} installs it on a fresh machine).
 */
public final class FfmpegTools {

    /** The Debian package that provides both programs. */
    public static final String DEBIAN_PACKAGE = "ffmpeg";

    private final String ffmpegPath;

    private final String ffprobePath;

    private final String version;

    private FfmpegTools(String ffmpegPath, String ffprobePath, String version) {
        this.ffmpegPath = ffmpegPath;
        this.ffprobePath = ffprobePath;
        this.version = version;
    }

    /** Checks {@code ffmpeg} and {@code ffprobe} found on the PATH. */
    public static FfmpegTools check() {
        return check("ffmpeg", "ffprobe");
    }

    /**
     * Runs both programs once ({@code -version}) and fails with a message naming the package to install.
     *
     * @throws MissingMediaToolException if either is missing, not runnable, or not the real ffmpeg/ffprobe
     */
    public static FfmpegTools check(String ffmpegPath, String ffprobePath) {
        Objects.requireNonNull(ffmpegPath, "ffmpegPath");
        Objects.requireNonNull(ffprobePath, "ffprobePath");
        String version = versionOf("ffmpeg", ffmpegPath);
        versionOf("ffprobe", ffprobePath);
        return new FfmpegTools(ffmpegPath, ffprobePath, version);
    }

    private static String versionOf(String program, String path) {
        try {
            String version = program.equals("ffmpeg") ? new FFmpeg(path, new RunProcessFunction()).version()
                    : new FFprobe(path, new RunProcessFunction()).version();
            if (version == null || !version.startsWith(program + " version")) {
                throw new IOException("'" + path + "' answered '" + version + "' to -version");
            }
            return version;
        }
        catch (IOException | RuntimeException ex) {
            throw new MissingMediaToolException(program + " is needed to ingest recordings but '" + path
                    + "' cannot be run (" + ex.getMessage() + "). Install the Debian package '" + DEBIAN_PACKAGE
                    + "' (sudo apt-get install " + DEBIAN_PACKAGE + "), or set the path to " + program + ".", ex);
        }
    }

    public String ffmpegPath() {
        return ffmpegPath;
    }

    public String ffprobePath() {
        return ffprobePath;
    }

    /** First line of {@code ffmpeg -version}. */
    public String version() {
        return version;
    }
}
