package org.serveline.recordings.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import org.serveline.recordings.AttemptId;
import org.serveline.recordings.internal.AtomicFiles;

/**
 * Where bad spool files go, moved untouched, for a human: {@code <workDir>/quarantine/<file>} plus
 * {@code <file>.reason}. Moving them out of the spool stops the scan from retrying them forever; an existing
 * quarantined file is never replaced (a numbered name is used instead).
 */
final class Quarantine {

    private final Path dir;

    Quarantine(Path dir) {
        this.dir = dir;
    }

    Path admit(AttemptId attemptId, Path spoolFile, RejectReason reason, String detail, Instant now)
            throws IOException {
        Files.createDirectories(dir);
        Path target = freeName(spoolFile.getFileName().toString());
        try {
            Files.move(spoolFile, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            // spool and store on different filesystems: copy durably, then remove the spool file
            Files.copy(spoolFile, target, StandardCopyOption.COPY_ATTRIBUTES);
            AtomicFiles.fsyncFile(target);
            Files.delete(spoolFile);
        }
        String note = "attempt: " + attemptId + "\nreason: " + reason + "\ndetail: " + detail + "\nat: " + now
                + "\nfrom: " + spoolFile + "\n";
        AtomicFiles.write(target.resolveSibling(target.getFileName() + ".reason"),
                note.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    private Path freeName(String name) {
        Path candidate = dir.resolve(name);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = dir.resolve(name + "." + n);
        }
        return candidate;
    }
}
