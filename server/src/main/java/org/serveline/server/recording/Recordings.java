package org.serveline.server.recording;

import java.util.Optional;
import org.serveline.server.recording.internal.RecordingRows;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads recordings and their links; what other features (receipts, the console) call. */
@Service
public class Recordings {

    private final RecordingRows rows;

    Recordings(RecordingRows rows) {
        this.rows = rows;
    }

    /**
     * The recording with this id.
     *
     * @throws InvalidRequestException if the id looks like a path ({@code ..}, {@code /}, {@code \}, {@code %})
     * @throws NotFoundException if there is none
     */
    @Transactional(readOnly = true)
    public Recording get(String id) {
        return rows.find(checkId(id)).orElseThrow(() -> new NotFoundException(ProblemText.of("recording.not-found", "no recording " + id, id)));
    }

    /** The recording of a call attempt (the call itself, part 1), once it is stored. */
    @Transactional(readOnly = true)
    public Optional<Recording> ofAttempt(String attemptId) {
        return rows.findByAttempt(attemptId);
    }

    @Transactional(readOnly = true)
    public RecordingPage list(RecordingFilter filter, int page, int size) {
        return rows.list(filter, page, size);
    }

    /** Refuses an id that names a path; a recording id is never used as one, but saying so early is clearer. */
    public static String checkId(String id) {
        if (id == null || id.isBlank() || id.contains("..") || id.contains("/") || id.contains("\\")
                || id.contains("%") || id.indexOf('\0') >= 0) {
            throw new InvalidRequestException("id", ProblemText.of("recording.id-path",
                    "a recording id is not a path: '" + id + "'", id));
        }
        return id;
    }
}
