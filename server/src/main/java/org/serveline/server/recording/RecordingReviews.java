package org.serveline.server.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.recording.internal.RecordingRows;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.NotFoundException;
import org.serveline.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisors' audit of recordings: the review queue and verdicts. A verdict is never changed: a second one is an
 * amendment stored as the next version beside the earlier ones, and each is an audit event on the task's chain.
 */
@Service
public class RecordingReviews {

    private static final TypeReference<List<ReviewComment>> COMMENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final RecordingRows rows;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    RecordingReviews(JdbcClient jdbc, RecordingRows rows, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** Consent calls and the random sample not yet reviewed, and everything flagged; oldest first. */
    @Transactional(readOnly = true)
    public List<Recording> queue(int limit) {
        return rows.queue(limit);
    }

    /** Stores a verdict as the recording's next version (1 for the first) and moves its audit status. */
    @Transactional
    public RecordingReview submit(String recordingId, ReviewRequest request, String reviewer) {
        Recording recording = rows.lock(Recordings.checkId(recordingId))
                .orElseThrow(() -> new NotFoundException(ProblemText.of("recording.not-found", "no recording " + recordingId,
                        recordingId)));
        checkOffsets(recording, request.comments());
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM recording_review WHERE recording_id = :id")
                .param("id", recordingId).query(Integer.class).single() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO recording_review (recording_id, version, verdict, notes, comments, reviewer, reviewed_at)
                VALUES (:id, :version, :verdict, :notes, :comments, :reviewer, :at)""")
                .param("id", recordingId).param("version", version).param("verdict", request.verdict().name())
                .param("notes", request.notes()).param("comments", json.writeValueAsString(request.comments()))
                .param("reviewer", reviewer).param("at", Timestamp.from(now)).update();
        rows.setAuditStatus(recordingId, request.verdict().auditStatus());
        Map<String, Object> details = new HashMap<>();
        details.put("recordingId", recordingId);
        details.put("sha256", recording.sha256());
        details.put("version", version);
        details.put("verdict", request.verdict().name());
        details.put("comments", request.comments().size());
        if (request.notes() != null) {
            details.put("notes", request.notes());
        }
        audit.append(new AuditRecord(recording.taskChain(), reviewer,
                version == 1 ? "RECORDING_REVIEWED" : "RECORDING_REVIEW_AMENDED", "recording:" + recordingId,
                recording.auditStatus().name(), request.verdict().auditStatus().name(), details));
        return new RecordingReview(recordingId, version, request.verdict(), request.notes(), request.comments(),
                reviewer, now);
    }

    /** Every version of the recording's verdict, oldest first. */
    @Transactional(readOnly = true)
    public List<RecordingReview> versions(String recordingId) {
        if (rows.find(Recordings.checkId(recordingId)).isEmpty()) {
            throw new NotFoundException(ProblemText.of("recording.not-found", "no recording " + recordingId,
                    recordingId));
        }
        return jdbc.sql("""
                SELECT recording_id, version, verdict, notes, comments, reviewer, reviewed_at FROM recording_review
                WHERE recording_id = :id ORDER BY version""").param("id", recordingId).query(this::map).list();
    }

    private static void checkOffsets(Recording recording, List<ReviewComment> comments) {
        for (int i = 0; i < comments.size(); i++) {
            if (comments.get(i).offsetMs() > recording.durationMs()) {
                throw new InvalidRequestException("comments[" + i + "].offsetMs", ProblemText.of(
                        "recording.comment-beyond", "offset " + comments.get(i).offsetMs()
                        + " ms is past the end of the recording (" + recording.durationMs() + " ms)",
                        comments.get(i).offsetMs(), recording.durationMs()));
            }
        }
    }

    private RecordingReview map(ResultSet rs, int row) throws SQLException {
        return new RecordingReview(rs.getString("recording_id"), rs.getInt("version"),
                Verdict.valueOf(rs.getString("verdict")), rs.getString("notes"),
                json.readValue(rs.getString("comments"), COMMENTS), rs.getString("reviewer"),
                rs.getTimestamp("reviewed_at").toInstant());
    }
}
