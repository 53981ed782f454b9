package org.serveline.server.recording.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.serveline.telephony.dialplan.DialplanContract;

/** The PBX monitor spool this node ingests from, as resolved at start-up. */
record RecordingSpool(Path dir) {

    /**
     * The store key of the attempt's consent-step recording ({@code <attempt>-consent}), when MixMonitor left one
     * in the spool: the keypad consent step an operator handed the party to records apart from the call.
     */
    Optional<String> consentStep(String attemptId) {
        String key = attemptId + DialplanContract.CONSENT_RECORDING_SUFFIX;
        return Files.exists(dir.resolve(key + ".wav")) ? Optional.of(key) : Optional.empty();
    }

    /**
     * Recordings waiting in the spool: every file a recording may be (not hidden, not a temporary "~" file), being
     * written or waiting for ingest — ingest removes a file once stored. Zero when the spool does not exist.
     */
    long backlog() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(RecordingSpool::isRecording).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the recording spool " + dir, e);
        }
    }

    /** Whether the PBX can leave recordings here and ingest can remove them: a directory we may write to. */
    boolean writable() {
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }

    private static boolean isRecording(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith("~") && Files.isRegularFile(file);
    }
}
