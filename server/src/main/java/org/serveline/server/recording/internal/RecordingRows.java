package org.serveline.server.recording.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.recording.AuditStatus;
import org.serveline.server.recording.Recording;
import org.serveline.server.recording.RecordingFilter;
import org.serveline.server.recording.RecordingPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code recording} table. */
@Repository
public class RecordingRows {

    private static final String SELECT = """
            SELECT id, attempt_id, task_id, case_number, operator, outcome, sha256, copy_sha256, size, copy_size,
                   duration_ms, sample_rate, channels, stored_at, consent_offset_ms, consent_call, sampled,
                   audit_status, legal_hold, legal_hold_reason, original_removed_at, copy_removed_at, part, store_key
            FROM recording""";

    private final JdbcClient jdbc;

    RecordingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row unless the attempt already has this part (or a row the store key); true if it inserted it. */
    boolean insertIfAbsent(Recording r) {
        return jdbc.sql("""
                INSERT IGNORE INTO recording (id, attempt_id, task_id, case_number, operator, outcome, sha256,
                    copy_sha256, size, copy_size, duration_ms, sample_rate, channels, stored_at, consent_offset_ms,
                    consent_call, sampled, audit_status, legal_hold, part, store_key)
                VALUES (:id, :attempt, :task, :caseNumber, :operator, :outcome, :sha256, :copySha256, :size,
                    :copySize, :durationMs, :sampleRate, :channels, :storedAt, :consentOffsetMs, :consentCall,
                    :sampled, :auditStatus, FALSE, :part, :storeKey)""")
                .param("id", r.id()).param("attempt", r.attemptId()).param("task", r.taskId())
                .param("caseNumber", r.caseNumber()).param("operator", r.operator()).param("outcome", r.outcome())
                .param("sha256", r.sha256()).param("copySha256", r.copySha256()).param("size", r.size())
                .param("copySize", r.copySize()).param("durationMs", r.durationMs())
                .param("sampleRate", r.sampleRate()).param("channels", r.channels())
                .param("storedAt", Timestamp.from(r.storedAt())).param("consentOffsetMs", r.consentOffsetMs())
                .param("consentCall", r.consentCall()).param("sampled", r.sampled())
                .param("auditStatus", r.auditStatus().name()).param("part", r.part())
                .param("storeKey", r.storeKey()).update() == 1;
    }

    public Optional<Recording> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(RecordingRows::map).optional();
    }

    /** The row, locked until the transaction ends. */
    public Optional<Recording> lock(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(RecordingRows::map).optional();
    }

    /** The call's own recording (part 1) of an attempt. */
    public Optional<Recording> findByAttempt(String attemptId) {
        return jdbc.sql(SELECT + " WHERE attempt_id = :attempt AND part = " + Recording.CALL)
                .param("attempt", attemptId).query(RecordingRows::map).optional();
    }

    /** The recording the store keeps under {@code storeKey} ({@code <attempt>} or {@code <attempt>-consent}). */
    public Optional<Recording> findByStoreKey(String storeKey) {
        return jdbc.sql(SELECT + " WHERE store_key = :key").param("key", storeKey).query(RecordingRows::map)
                .optional();
    }

    public RecordingPage list(RecordingFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        condition(where, params, "case_number = :caseNumber", "caseNumber", filter.caseNumber());
        condition(where, params, "task_id = :taskId", "taskId", filter.taskId());
        condition(where, params, "operator = :operator", "operator", filter.operator());
        condition(where, params, "stored_at >= :from", "from", ts(filter.from()));
        condition(where, params, "stored_at < :to", "to", ts(filter.to()));
        condition(where, params, "outcome = :outcome", "outcome", filter.outcome());
        condition(where, params, "attempt_id = :attemptId", "attemptId", filter.attemptId());
        condition(where, params, "audit_status = :auditStatus", "auditStatus",
                filter.auditStatus() == null ? null : filter.auditStatus().name());
        long total = jdbc.sql("SELECT COUNT(*) FROM recording" + where).params(params).query(Long.class).single();
        List<Recording> items = jdbc.sql(SELECT + where + " ORDER BY stored_at DESC, attempt_id, part, id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query(RecordingRows::map).list();
        return new RecordingPage(items, page, size, total);
    }

    /** The review queue: waiting and flagged recordings, oldest first. */
    public List<Recording> queue(int limit) {
        return jdbc.sql(SELECT + " WHERE audit_status IN ('IN_QUEUE', 'FLAGGED') ORDER BY stored_at, id LIMIT :limit")
                .param("limit", limit).query(RecordingRows::map).list();
    }

    public void setAuditStatus(String id, AuditStatus status) {
        jdbc.sql("UPDATE recording SET audit_status = :status WHERE id = :id").param("status", status.name())
                .param("id", id).update();
    }

    void setLegalHold(String id, boolean held, String reason) {
        jdbc.sql("UPDATE recording SET legal_hold = :held, legal_hold_reason = :reason WHERE id = :id")
                .param("held", held).param("reason", reason).param("id", id).update();
    }

    void markRemoved(String storeKey, boolean original, Instant at) {
        String column = original ? "original_removed_at" : "copy_removed_at";
        jdbc.sql("UPDATE recording SET " + column + " = COALESCE(" + column + ", :at) WHERE store_key = :key")
                .param("at", Timestamp.from(at)).param("key", storeKey).update();
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String sql, String name,
            Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.put(name, value);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Recording map(ResultSet rs, int row) throws SQLException {
        return new Recording(rs.getString("id"), rs.getString("attempt_id"), rs.getLong("task_id"),
                rs.getString("case_number"), rs.getString("operator"), rs.getString("outcome"),
                rs.getString("sha256"), rs.getString("copy_sha256"), rs.getLong("size"), rs.getLong("copy_size"),
                rs.getLong("duration_ms"), rs.getInt("sample_rate"), rs.getInt("channels"),
                instant(rs.getTimestamp("stored_at")), rs.getObject("consent_offset_ms", Long.class),
                rs.getBoolean("consent_call"), rs.getBoolean("sampled"),
                AuditStatus.valueOf(rs.getString("audit_status")), rs.getBoolean("legal_hold"),
                rs.getString("legal_hold_reason"), instant(rs.getTimestamp("original_removed_at")),
                instant(rs.getTimestamp("copy_removed_at")), rs.getInt("part"), rs.getString("store_key"));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
